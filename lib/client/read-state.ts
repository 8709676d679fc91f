/**
 * The rep's read state (client components only): a conversation is marked read through its newest
 * message while its thread is open and the page is visible (use-mark-thread-read.ts), and can be
 * marked unread again. Each mark shows at once in every loaded list of the account (the Unread
 * category drops a read one), then is kept by the server, per rep (PUT/DELETE …/read), where every
 * later inbox answer applies it. Marks set on the rep's other devices reach loaded lists through a
 * poller of our own database.
 */
import { hashKey, MutationObserver as QueryMutationObserver, queryOptions, useInfiniteQuery, useQuery, type QueryClient } from "@tanstack/react-query";
import type { Category, Conversation, ReadMarkResponse } from "@/lib/contracts/api";
import { withReadMark } from "@/lib/contracts/read-marks";
import { readMarkUrl, readMarksUrl } from "./api-urls";
import { fetchJson, sendJson } from "./fetch-json";
import { retryUnreachedRequest } from "./errors";
import { flattenConversations, withReturnedRow, withUnreadCount, type ConversationPages } from "./merge-inbox";
import { aheadOfHeads, conversationsInfiniteOptions, inboxReadAt, waitForListsIdle, writePages } from "./queries";
import { categoryOfList, queryKeys } from "./query-keys";
import { useTitleCount } from "./use-page-title";

/** Each conversation's latest mark (by account): an earlier one, finishing later, must not show itself again over it. */
const latestMarks = new Map<string, object>();

/**
 * Shows the mark at once in every loaded list (before any head or read-marks answer on its way), then
 * has the server keep it. `row`, the conversation as the rep last saw it listed, goes back into an
 * Unread list that dropped it when it was read.
 */
function mark(client: QueryClient, accountId: string, conversationId: string, readThrough: number | null, row?: Conversation): Promise<void> {
  const show = () => showMarks(client, accountId, [{ conversationId, readThrough }], row);
  const key = `${accountId} ${conversationId}`;
  const token = {};
  latestMarks.set(key, token);
  return aheadOfHeads(client, accountId, async () => {
    await client.cancelQueries({ queryKey: queryKeys.readMarks(accountId) });
    show();
    const url = readMarkUrl(accountId, conversationId);
    // One conversation's marks go one after another (scope): a read mark retried or resumed after an unread one must not undo it.
    const send = () => sendJson(readThrough === null ? "DELETE" : "PUT", url, "readMark", readThrough === null ? {} : { readThrough });
    try {
      await new QueryMutationObserver(client, { mutationFn: send, retry: 2, scope: { id: url } }).mutate();
    } catch (error) {
      // Not kept. The inbox heads' answers (the server applies the marks it has) put the rows on
      // screen right now rather than at the next poll; the caller hears of it.
      if (latestMarks.get(key) === token) latestMarks.delete(key);
      void client.refetchQueries({ queryKey: queryKeys.conversationsHeads(accountId), type: "active" });
      throw error;
    }
    // A next page asked before the mark lands on the pages as they were when it was asked: mark them again.
    await waitForListsIdle(client, accountId);
    if (latestMarks.get(key) !== token) return;
    latestMarks.delete(key);
    show();
  });
}

export function markRead(client: QueryClient, accountId: string, conversationId: string, readThrough: number): Promise<void> {
  return mark(client, accountId, conversationId, readThrough);
}

/** @param row the conversation as last listed, for an Unread list that dropped it (the open thread's) */
export function markUnread(client: QueryClient, accountId: string, conversationId: string, row?: Conversation): Promise<void> {
  return mark(client, accountId, conversationId, null, row);
}

/** How many loaded Inbox conversations are unread, in the tab's title, as mail clients do. */
export function useUnreadTitle(accountId: string): void {
  const { data: unread } = useInfiniteQuery({
    ...conversationsInfiniteOptions(accountId, "INBOX"),
    enabled: false,
    select: (data) => flattenConversations(data).filter((conversation) => conversation.unreadCount > 0).length,
  });
  useTitleCount(unread ?? 0);
}

/** How often the rep's other devices' marks are asked for while the page is visible: our database only, no credits. */
export const READ_MARKS_POLL_MS = 10_000;

/**
 * Marks (from any device) on every loaded list of the account: a read one loses its badge and leaves
 * Unread; `returning` (a row marked unread here) comes back to an Unread list that dropped it.
 */
function showMarks(client: QueryClient, accountId: string, marks: readonly ReadMarkResponse[], returning?: Conversation): void {
  if (marks.length === 0) return;
  for (const [queryKey, data] of client.getQueriesData<ConversationPages>({ queryKey: queryKeys.conversationLists(accountId) })) {
    const isUnreadCategory = categoryOfList(queryKey) === ("UNREAD" satisfies Category);
    // The Unread list itself: a search of it holds only what matched, which a returning row need not.
    const isUnreadList = isUnreadCategory && hashKey(queryKey) === hashKey(queryKeys.conversations(accountId, "UNREAD"));
    let next = data;
    for (const mark of marks) {
      const row = flattenConversations(next).find((conversation) => conversation.id === mark.conversationId);
      if (row !== undefined) next = withUnreadCount(next, row.id, withReadMark(row, mark).unreadCount, isUnreadCategory);
      else if (isUnreadList && returning?.id === mark.conversationId && mark.readThrough === null) next = withReturnedRow(next, withReadMark(returning, mark));
    }
    if (next !== data) writePages(client, queryKey, next);
  }
}

export function readMarksQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: queryKeys.readMarks(accountId),
    queryFn: async ({ signal, client, queryKey }): Promise<{ checkedAt: number }> => {
      const since = client.getQueryData<{ checkedAt: number }>(queryKey)?.checkedAt ?? inboxReadAt(client, accountId);
      const answer = await fetchJson(readMarksUrl(accountId, since), "readMarks", signal);
      // Too many to apply one by one: the next inbox answers carry them all.
      if (answer.truncated) void client.refetchQueries({ queryKey: queryKeys.conversationsHeads(accountId), type: "active" });
      else showMarks(client, accountId, answer.marks);
      return { checkedAt: answer.checkedAt };
    },
    refetchInterval: READ_MARKS_POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    staleTime: READ_MARKS_POLL_MS - 1_000,
    retry: retryUnreachedRequest,
    // As long as the lists it marks (TanStack's default): one kept without it would ask again from
    // its page 1's time, which each head answer merged moves on past marks on rows below the head's.
    gcTime: 5 * 60_000,
  });
}

/** Keeps loaded lists in step with what the rep reads or marks on their other devices. */
export function useReadMarksFromOtherDevices(accountId: string, enabled: boolean): void {
  useQuery({ ...readMarksQueryOptions(accountId), enabled });
}
