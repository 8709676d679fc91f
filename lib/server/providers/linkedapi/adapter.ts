import "server-only";
import type { Message } from "@/lib/contracts/api";
import { ApiError } from "@/lib/server/errors";
import type { AdapterDeps, InboxProvider, Page, PeopleDirectory, ProviderCapabilities } from "@/lib/server/providers/types";
import { createLinkedApiClient, resultFor } from "./client";
import { PROVIDER, stillSyncingError, threadFailureError } from "./errors";
import { createLinkedApiInbox } from "./inbox";
import { conversationTypeOf, mapMessage, newestFirst, type Positioned } from "./map";
import { paddedTie, pageOfSorted, readCursor } from "./paging";
import { createLinkedApiPeople } from "./people";
import { createPersonReads, getRefOf } from "./person-reads";
import { createLinkedApiSender } from "./send";
import type { PeopleStore, PersonRecord } from "./store";

export type LinkedApiConfig = AdapterDeps & {
  token: string;
  identificationToken: string;
  /** OUR account id: it scopes the people store. */
  accountId: string;
  store: PeopleStore;
  now?: () => number;
  /** Waits before following a conversations.get that answered `processing` (tests shorten them). */
  resultPollDelaysMs?: readonly number[];
  /** The most people the account may follow (THREADLINE_LINKEDAPI_MAX_PEOPLE). */
  maxPeople?: number;
};

const DEFAULT_MAX_PEOPLE = 200;

export const LINKEDAPI_CAPABILITIES: ProviderCapabilities = { categories: ["INBOX"], since: "native", search: false };

/**
 * Linked API has no cursor: every read returns a person's whole history. Older pages are served
 * from the snapshot the first page read (older messages never change), so scrolling back through
 * a long thread downloads it once, not once per page. The first page and `since` always read fresh.
 */
const SNAPSHOT_TTL_MS = 2 * 60_000;
const SNAPSHOT_MAX = 50;

const messageKey = { idOf: (m: Positioned) => m.raw.id, timeOf: (m: Positioned) => m.sentAt, tieOf: (m: Positioned) => paddedTie(m.position) };

/**
 * Linked API (seed generation, providers.md §4): no inbox listing, so the inbox is the people the
 * rep added (store.ts, listed by inbox.ts), each synchronized once; threads are read whole (no
 * cursor or page size upstream) and paged by us; `since` is native but its boundary undocumented,
 * so it is widened upstream and applied (`>=`) here. Replies go through the current generation's
 * workflows (send.ts).
 */
export function createLinkedApiProvider(config: LinkedApiConfig): InboxProvider & { people: PeopleDirectory } {
  const now = config.now ?? Date.now;
  const { store, accountId } = config;
  const client = createLinkedApiClient(config);
  const people = createLinkedApiPeople({ client, store, accountId, now, maxPeople: config.maxPeople ?? DEFAULT_MAX_PEOPLE });
  const reads = createPersonReads({ store, accountId, now });
  const snapshots = new Map<string, { at: number; sorted: Positioned[] }>();

  function keepSnapshot(personId: string, sorted: Positioned[]): void {
    snapshots.delete(personId);
    snapshots.set(personId, { at: now(), sorted });
    // Map order is insertion order: the first key is the least recently read thread.
    for (const oldest of snapshots.keys()) {
      if (snapshots.size <= SNAPSHOT_MAX) break;
      snapshots.delete(oldest);
    }
  }

  async function historyFor(record: PersonRecord, olderPage: boolean, signal: AbortSignal): Promise<Positioned[]> {
    const snapshot = olderPage ? snapshots.get(record.id) : undefined;
    if (snapshot && now() - snapshot.at < SNAPSHOT_TTL_MS) return snapshot.sorted;
    const sorted = await readThread(record, undefined, signal);
    keepSnapshot(record.id, sorted);
    return sorted;
  }

  async function readyPerson(id: string): Promise<PersonRecord> {
    const record = await store.get(accountId, id);
    if (!record) throw new ApiError("not_found", "This conversation does not exist.");
    if (record.state === "syncing") throw stillSyncingError();
    if (record.state === "failed") throw threadFailureError(record.failureReason ?? "upstream_error");
    return record;
  }

  async function readThread(record: PersonRecord, sinceMs: number | undefined, signal: AbortSignal): Promise<Positioned[]> {
    const ref = getRefOf(record, sinceMs);
    const completion = await client.getConversations([ref], signal);
    const read = await reads.interpret(record, resultFor(completion, ref, 1));
    if (read.kind === "failed") throw read.error;
    if (read.kind === "unknown") throw new ApiError("upstream_error", `${PROVIDER} could not read this conversation. Try again shortly.`);
    const sorted = newestFirst(read.messages);
    await reads.remember(record, sorted[0]?.raw, false);
    return sorted;
  }

  return {
    capabilities: LINKEDAPI_CAPABILITIES,
    people,
    sender: createLinkedApiSender({ client, readyPerson }),

    listConversations: createLinkedApiInbox({ client, store, accountId, reads }),

    async listMessages({ conversationId, cursor, limit }, signal) {
      const read = readCursor(cursor);
      const record = await readyPerson(conversationId);
      const sorted = await historyFor(record, cursor !== undefined, signal);
      const page = pageOfSorted(sorted, read, limit, messageKey);
      return { items: page.items.map((message) => mapMessage(message.raw, record)), nextCursor: page.nextCursor, conversationType: conversationTypeOf(record) } satisfies Page<Message>;
    },

    async messagesSince({ conversationId, since }, signal) {
      const record = await readyPerson(conversationId);
      const sorted = await readThread(record, since, signal);
      const seen = new Set<string>();
      const items: Message[] = [];
      for (const message of sorted) {
        if (message.sentAt < since || seen.has(message.raw.id)) continue;
        seen.add(message.raw.id);
        items.push(mapMessage(message.raw, record));
      }
      return { items, nextCursor: null };
    },
  };
}
