import "server-only";
import type { Conversation, Message } from "@/lib/contracts/api";
import { ApiError } from "@/lib/server/errors";
import type { PeopleStore, PersonRecord } from "./store";
import type { AdapterDeps, InboxProvider, Page, PeopleDirectory, ProviderCapabilities } from "@/lib/server/providers/types";
import { createLinkedApiClient, resultFor, type GetRef } from "./client";
import { notSynchronizedError, PROVIDER, SYNC_FAILURE_MESSAGES, syncFailureOf } from "./errors";
import { activityOf, lastMessageOf, mapConversation, mapMessage, newestFirst, upstreamSince, type Positioned } from "./map";
import { paddedTie, pageOfSorted, readCursor } from "./paging";
import { createLinkedApiPeople } from "./people";
import type { GetPersonResult, LinkedApiMessage } from "./schemas";

export type LinkedApiConfig = AdapterDeps & {
  token: string;
  identificationToken: string;
  /** OUR account id: it scopes the people store. */
  accountId: string;
  store: PeopleStore;
  now?: () => number;
  /** Waits before following a conversations.get that answered `processing` (tests shorten them). */
  resultPollDelaysMs?: readonly number[];
};

export const LINKEDAPI_CAPABILITIES: ProviderCapabilities = { categories: ["INBOX"], since: "native" };

/**
 * Linked API has no cursor: every read returns a person's whole history. Older pages are served
 * from the snapshot the first page read (older messages never change), so scrolling back through
 * a long thread downloads it once, not once per page. The first page and `since` always read fresh.
 */
const SNAPSHOT_TTL_MS = 2 * 60_000;
const SNAPSHOT_MAX = 50;

const messageKey = { idOf: (m: Positioned) => m.raw.id, timeOf: (m: Positioned) => m.sentAt, tieOf: (m: Positioned) => paddedTie(m.position) };
const personKey = { idOf: (p: PersonRecord) => p.id, timeOf: activityOf, tieOf: (p: PersonRecord) => p.id };

/** What one person's entry in a conversations.get answer means for us. */
type ThreadRead = { kind: "messages"; messages: LinkedApiMessage[] } | { kind: "failed"; error: ApiError } | { kind: "unknown" };

/**
 * Linked API (seed generation, providers.md §4): no inbox listing, so the inbox is the people the
 * rep added (store.ts), each synchronized once; threads are read whole (no cursor
 * or page size upstream) and paged by us; `since` is native but its boundary undocumented, so it is
 * widened upstream and applied (`>=`) here.
 */
export function createLinkedApiProvider(config: LinkedApiConfig): InboxProvider & { people: PeopleDirectory } {
  const now = config.now ?? Date.now;
  const { store, accountId } = config;
  const client = createLinkedApiClient(config);
  const people = createLinkedApiPeople({ client, store, accountId, now });
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
    if (record.state !== "ready") throw notSynchronizedError();
    return record;
  }

  /** Marks the person failed where Linked API said something definite about them. */
  async function interpret(record: PersonRecord, result: GetPersonResult | undefined): Promise<ThreadRead> {
    if (!result) return { kind: "unknown" };
    if (result.result.success) return { kind: "messages", messages: result.result.data.messages };
    const error = result.result.error;
    const reason = syncFailureOf(error?.errorType ?? error?.type);
    if (reason === "upstream_error") return { kind: "unknown" };
    await store.markFailed(accountId, record.id, reason, now());
    return { kind: "failed", error: reason === "not_synchronized" ? notSynchronizedError() : new ApiError("upstream_error", SYNC_FAILURE_MESSAGES[reason]) };
  }

  async function readThread(record: PersonRecord, sinceMs: number | undefined, signal: AbortSignal): Promise<Positioned[]> {
    const since = sinceMs === undefined ? undefined : upstreamSince(sinceMs);
    const ref: GetRef = { channel: record.channel, person: record.profileUrl, ...(since !== undefined ? { since } : {}) };
    const completion = await client.getConversations([ref], signal);
    const read = await interpret(record, resultFor(completion, ref, 1));
    if (read.kind === "failed") throw read.error;
    if (read.kind === "unknown") throw new ApiError("upstream_error", `${PROVIDER} could not read this conversation. Try again shortly.`);
    const sorted = newestFirst(read.messages);
    await remember(record, sorted[0]?.raw);
    return sorted;
  }

  /** Keeps the newest message in the store, so the inbox lists it without reading the thread again. */
  async function remember(record: PersonRecord, newest: LinkedApiMessage | undefined): Promise<PersonRecord["lastMessage"]> {
    const stored = record.lastMessage;
    if (!newest) return stored;
    const candidate = lastMessageOf(newest);
    if (stored && candidate.sentAt < stored.sentAt) return stored;
    if (!stored || candidate.sentAt !== stored.sentAt || candidate.text !== stored.text || candidate.fromMe !== stored.fromMe) {
      await store.saveLastMessage(accountId, record.id, candidate, now());
    }
    return candidate;
  }

  return {
    capabilities: LINKEDAPI_CAPABILITIES,
    people,

    async listConversations({ category, cursor, limit }, signal) {
      if (category !== "INBOX") throw new ApiError("bad_request", `${PROVIDER} has no inbox categories: only INBOX is available.`);
      const read = readCursor(cursor);
      const ready = (await store.list(accountId))
        .filter((record) => record.state === "ready")
        .sort((a, b) => activityOf(b) - activityOf(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      const page = pageOfSorted(ready, read, limit, personKey);
      if (page.items.length === 0) return { items: [], nextCursor: page.nextCursor } satisfies Page<Conversation>;

      // One batched read refreshes every listed person's last message.
      const refs: GetRef[] = page.items.map((record) => {
        const since = record.lastMessage ? upstreamSince(record.lastMessage.sentAt) : undefined;
        return { channel: record.channel, person: record.profileUrl, ...(since !== undefined ? { since } : {}) };
      });
      const completion = await client.getConversations(refs, signal);
      const conversations: Conversation[] = [];
      for (const [index, record] of page.items.entries()) {
        const ref = refs[index];
        const result = ref ? resultFor(completion, ref, refs.length) : undefined;
        const thread = await interpret(record, result);
        if (thread.kind === "failed") continue;
        const lastMessage = thread.kind === "messages" ? await remember(record, newestFirst(thread.messages)[0]?.raw) : record.lastMessage;
        conversations.push(mapConversation(record, lastMessage));
      }
      return { items: conversations, nextCursor: page.nextCursor };
    },

    async listMessages({ conversationId, cursor, limit }, signal) {
      const read = readCursor(cursor);
      const record = await readyPerson(conversationId);
      const sorted = await historyFor(record, cursor !== undefined, signal);
      const page = pageOfSorted(sorted, read, limit, messageKey);
      return { items: page.items.map((message) => mapMessage(message.raw, record)), nextCursor: page.nextCursor } satisfies Page<Message>;
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
