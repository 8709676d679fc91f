import "server-only";
import { chosenChannel, LEAD_LINK_HAS_NO_STANDARD_CONVERSATION, nameFromSlug, parsePersonUrl } from "@/lib/contracts/linkedin-url";
import { ApiError } from "@/lib/server/errors";
import { MeterRefusal } from "@/lib/server/limits/provider-meter";
import type { PeopleDirectory } from "@/lib/server/providers/types";
import { resultFor, type LinkedApiClient, type Outcome } from "./client";
import { syncFailureOf } from "./errors";
import { mapPerson } from "./map";
import type { SyncPersonResult } from "./schemas";
import type { PeopleStore, PersonRecord } from "./store";

export type PeopleDeps = {
  client: LinkedApiClient;
  store: PeopleStore;
  /** Our account id: every store call is scoped by it. */
  accountId: string;
  now: () => number;
  /** How many people one account may follow: each is a sync Linked API runs, and a read of every inbox page. */
  maxPeople: number;
};

/** How many result links `list` checks at once. */
const CHECK_CONCURRENCY = 8;
/**
 * How many pending syncs one `list` asks about at most (the longest-waiting first): every device
 * polls the list while someone syncs, and each check is a provider call.
 */
export const MAX_CHECKS_PER_LIST = 5;
/** What one `list` asked the provider (starts and checks), and how many of those failed for a passing reason. */
type Asking = { asked: number; failed: number; failure?: ApiError };

/** A sync whose start failed for a passing reason is started again at most this often. */
const RESTART_AFTER_MS = 30_000;
/**
 * A running sync's result link is asked about at most this often, whoever asks (a sync takes
 * minutes): with MAX_CHECKS_PER_LIST, at most 60 checks a minute per account, however many tabs poll.
 */
export const CHECK_AFTER_MS = 5_000;

/**
 * The people whose conversations the rep asked Linked API to synchronize. Synchronizing is slow
 * (a cloud browser works through LinkedIn), so nothing here waits for it: `add` and `resync` start
 * it and keep the result link; `list` asks each pending link once how it is going.
 */
export function createLinkedApiPeople(deps: PeopleDeps): PeopleDirectory {
  const { client, store, accountId, now, maxPeople } = deps;

  async function settled(update: Promise<PersonRecord | undefined>): Promise<PersonRecord> {
    const record = await update;
    if (!record) throw new ApiError("not_found", "This person is no longer in the list.");
    return record;
  }

  function apply(record: PersonRecord, outcome: Outcome<SyncPersonResult>): Promise<PersonRecord> {
    if (outcome.kind === "processing") return settled(store.markSyncing(accountId, record.id, outcome.resultLink, now()));
    const result = resultFor(outcome.completion, { channel: record.channel, person: record.profileUrl }, 1);
    if (!result) return settled(store.markFailed(accountId, record.id, "upstream_error", now()));
    if (result.result.success) return settled(store.markReady(accountId, record.id, now()));
    const error = result.result.error;
    return settled(store.markFailed(accountId, record.id, syncFailureOf(error?.errorType ?? error?.type), now()));
  }

  /**
   * What an error starting or checking a sync means for this one person: a transient one changes
   * nothing (the next `list` tries again), an account-wide one (credentials, today's credit budget) is the rep's
   * answer, anything else ends this sync as failed so the rep can retry it.
   */
  async function onError(record: PersonRecord, error: unknown, signal: AbortSignal, whenTransient: () => Promise<PersonRecord>, asking?: Asking): Promise<PersonRecord> {
    signal.throwIfAborted();
    if (!(error instanceof ApiError)) throw error;
    // Account-wide, and nothing about this person: bad credentials, or today's credit budget spent.
    if (error.code === "upstream_auth" || error.code === "budget_exhausted") throw error;
    // Our own per-minute cap asked nothing of the provider; the provider's non-retryable rate limit
    // is a daily cap (limitExceeded): the sync fails, so polling stops.
    if (error instanceof MeterRefusal || error.retryable || error.code === "upstream_timeout") {
      if (asking) {
        asking.failed++;
        asking.failure ??= error;
      }
      return whenTransient();
    }
    return settled(store.markFailed(accountId, record.id, "upstream_error", now()));
  }

  async function start(record: PersonRecord, signal: AbortSignal, asking?: Asking): Promise<PersonRecord> {
    if (asking) asking.asked++;
    try {
      return await apply(record, await client.startSync([{ channel: record.channel, person: record.profileUrl }], signal));
    } catch (error) {
      // Kept as syncing without a link: the next `list` starts it again.
      const keepSyncing = () =>
        record.state === "syncing" && record.resultLink === null ? Promise.resolve(record) : settled(store.markSyncing(accountId, record.id, null, now()));
      return onError(record, error, signal, keepSyncing, asking);
    }
  }

  async function check(record: PersonRecord, signal: AbortSignal, asking: Asking): Promise<PersonRecord> {
    // Every device's people list polls while someone syncs (every few seconds, each tab): each person
    // is asked about at most so often, whoever asks. Touched as it is taken, so a question that fails
    // for a passing reason waits its turn again, and of two lists at once only one asks (the other
    // shows the person as they are).
    if (now() - record.updatedAt < (record.resultLink === null ? RESTART_AFTER_MS : CHECK_AFTER_MS)) return record;
    const turn = await store.claimTurn(accountId, record, now());
    if (!turn) return existing(record.id);
    const link = turn.resultLink;
    if (link === null) return start(turn, signal, asking);
    try {
      client.trustedResultLink(link);
    } catch {
      // A link from another base URL (configuration changed): start over rather than follow it.
      return start(turn, signal, asking);
    }
    asking.asked++;
    try {
      return await apply(turn, await client.checkSync(link, signal));
    } catch (error) {
      return onError(turn, error, signal, () => Promise.resolve(turn), asking);
    }
  }

  async function existing(id: string): Promise<PersonRecord> {
    const record = await store.get(accountId, id);
    if (!record) throw new ApiError("not_found", "This person is not in the list.");
    return record;
  }

  return {
    async list(signal) {
      const records = await store.list(accountId);
      const toCheck = new Set(
        records
          .filter((record) => record.state === "syncing")
          .sort((a, b) => a.updatedAt - b.updatedAt)
          .slice(0, MAX_CHECKS_PER_LIST)
          .map((record) => record.id),
      );
      const asking: Asking = { asked: 0, failed: 0 };
      const updated = await mapLimit(records, CHECK_CONCURRENCY, async (record) => {
        if (!toCheck.has(record.id)) return record;
        try {
          return await check(record, signal, asking);
        } catch (error) {
          // Removed while we asked: leave it out.
          if (error instanceof ApiError && error.code === "not_found") return undefined;
          throw error;
        }
      });
      // Every question failed for a passing reason (the provider is down, slow, or limiting us): the
      // list would say "synchronizing" while nothing moves. The rep is told, and the browser backs off.
      if (asking.failure && asking.failed === asking.asked) throw asking.failure;
      return updated.filter((record): record is PersonRecord => record !== undefined).map(mapPerson);
    },

    async add(input, signal) {
      const parsed = parsePersonUrl(input.profileUrl);
      if (!parsed) {
        throw new ApiError("bad_request", "That is not a LinkedIn person's address. Paste one like https://www.linkedin.com/in/jane-doe.");
      }
      const channel = chosenChannel(parsed, input.channel);
      if (!channel) throw new ApiError("bad_request", LEAD_LINK_HAS_NO_STANDARD_CONVERSATION);
      const name = input.name?.trim().slice(0, 200) || nameFromSlug(parsed.slug);
      const following = await store.list(accountId);
      const known = following.some((record) => record.profileKey === parsed.key && record.channel === channel);
      if (!known && following.length >= maxPeople) {
        throw new ApiError("conflict", `This account already follows ${maxPeople} people, the most it may. Remove someone first.`);
      }
      const { person, created } = await store.add(accountId, { profileUrl: parsed.url, profileKey: parsed.key, channel, name }, now());
      if (!created && person.state !== "failed") return mapPerson(person);
      return mapPerson(await start(person, signal));
    },

    async resync(personId, signal) {
      return mapPerson(await start(await existing(personId), signal));
    },

    async remove(personId) {
      if (!(await store.remove(accountId, personId))) throw new ApiError("not_found", "This person is not in the list.");
    },
  };
}

/** Runs `work` over `items`, at most `limit` at a time, in order; the first failure is thrown once all have settled. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let firstError: { error: unknown } | undefined;
  // One iterator shared by the workers: each item is taken exactly once.
  const queue = items.entries();
  async function worker() {
    for (const [index, item] of queue) {
      try {
        results[index] = await work(item);
      } catch (error) {
        firstError ??= { error };
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (firstError) throw firstError.error;
  return results;
}
