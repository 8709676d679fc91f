import "server-only";
import type { Conversation } from "@/lib/contracts/api";
import { ApiError } from "@/lib/server/errors";
import type { ListConversationsQuery, Page } from "@/lib/server/providers/types";
import { activityOf, byActivity } from "./activity";
import { resultFor, type LinkedApiClient } from "./client";
import { PROVIDER } from "./errors";
import { mapConversation, newestFirst } from "./map";
import { pageOfSorted, readCursor } from "./paging";
import { getRefOf, type PersonReads, type Remembered } from "./person-reads";
import type { PeopleStore, PersonRecord } from "./store";

const personKey = { idOf: (p: PersonRecord) => p.id, timeOf: activityOf, tieOf: (p: PersonRecord) => p.id };

/** What an inbox read learned about one listed person: gone from the inbox, or where they stand now. */
type ListedRead = { kind: "failed" } | ({ kind: "read" } & Remembered);

/**
 * Linked API's inbox: the ready people, newest conversation first, paged with our cursor. Each page
 * refreshes its people's last messages in one batched read.
 */
export function createLinkedApiInbox({ client, store, accountId, reads }: { client: LinkedApiClient; store: PeopleStore; accountId: string; reads: PersonReads }) {
  /** One batched read of these people's conversations: what is new since each one's known last message. */
  async function readListed(records: readonly PersonRecord[], settling: boolean, signal: AbortSignal): Promise<Map<string, ListedRead>> {
    const listed = new Map<string, ListedRead>();
    if (records.length === 0) return listed;
    const batch = records.map((record) => ({ record, ref: getRefOf(record, record.lastMessage?.sentAt) }));
    const completion = await client.getConversations(
      batch.map(({ ref }) => ref),
      signal,
    );
    for (const { record, ref } of batch) {
      const thread = await reads.interpret(record, resultFor(completion, ref, batch.length));
      if (thread.kind === "failed") listed.set(record.id, { kind: "failed" });
      if (thread.kind === "messages") listed.set(record.id, { kind: "read", ...(await reads.remember(record, newestFirst(thread.messages)[0]?.raw, settling)) });
    }
    return listed;
  }

  function conversationsOf(records: readonly PersonRecord[], listed: ReadonlyMap<string, ListedRead>): Conversation[] {
    return records.flatMap((record) => {
      const read = listed.get(record.id);
      if (read?.kind === "failed") return [];
      return [mapConversation(record, read ? read.lastMessage : record.lastMessage)];
    });
  }

  /**
   * The first page is where the inbox is ordered, and anyone's new message can put them first: its
   * one batched read asks about every ready person (each from their known last message, so an
   * unchanged one costs a few bytes, not another call). It also settles every unknown last message
   * (people just synced): ordered by their sync instead, they would sink under the cursor once read
   * and be served twice.
   */
  async function firstPage(ready: readonly PersonRecord[], limit: number, signal: AbortSignal): Promise<Page<Conversation>> {
    const listed = await readListed(ready, true, signal);
    const settled = ready.flatMap((record) => {
      const read = listed.get(record.id);
      return read?.kind === "failed" ? [] : [read ? read.record : record];
    });
    const page = pageOfSorted(byActivity(settled), undefined, limit, personKey);
    return { items: conversationsOf(page.items, listed), nextCursor: page.nextCursor };
  }

  return async function listConversations({ category, cursor, limit }: ListConversationsQuery, signal: AbortSignal): Promise<Page<Conversation>> {
    if (category !== "INBOX") throw new ApiError("bad_request", `${PROVIDER} has no inbox categories: only INBOX is available.`);
    const read = readCursor(cursor);
    const ready = byActivity((await store.list(accountId)).filter((record) => record.state === "ready"));
    if (read === undefined) return firstPage(ready, limit, signal);
    // A later page is cut before its read, which can only move the people it serves newer.
    const page = pageOfSorted(ready, read, limit, personKey);
    return { items: conversationsOf(page.items, await readListed(page.items, false, signal)), nextCursor: page.nextCursor };
  };
}
