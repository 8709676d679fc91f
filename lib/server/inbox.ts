import "server-only";
import { CATEGORY_LABELS, conversationsPageSchema, type ReadMarkBody, type ReadMarkResponse, type ReadMarksResponse, type SendMessageBody, type SendResult, type AccountsResponse, type ConversationsPage, type MessagesPage, type PeopleResponse, type PersonResponse } from "@/lib/contracts/api";
import type { AddPersonBody, ConversationsQuery, MessagesQuery } from "@/lib/contracts/queries";
import { PACE_MS, shortestDelayMs } from "@/lib/client/poll-pace";
import { listAccountSummaries, peopleFor, providerFor } from "@/lib/server/accounts";
import { readMarkStore, sendStore, sharedCache } from "@/lib/server/app-database";
import { isDemoMode } from "@/lib/server/auth/viewer";
import type { Viewer } from "@/lib/server/auth/viewer";
import { ApiError } from "@/lib/server/errors";
import type { Page } from "@/lib/server/providers/types";
import { applyReadMarks } from "@/lib/contracts/read-marks";
import { readSince } from "@/lib/server/since-window";
import { sendMessage } from "@/lib/server/sends/send-message";

/** The named server functions behind our API routes: provider pages in, contract shapes out. */

/** The accounts this viewer may use: an admin's are every configured one, a rep's those assigned to them. */
export function getAccounts(viewer: Viewer): AccountsResponse {
  return { accounts: listAccountSummaries().filter((account) => viewer.accountIds.has(account.id)) };
}

/**
 * How long the inbox's first page, once asked of the provider, answers every tab and rep watching
 * the account: any number of them cost one upstream read per period. Just under the client's
 * shortest wait (live, 4.5 s less 10% jitter: lib/client/poll-pace.ts), so one client alone is
 * never served its own previous answer, and 25 cost about 60 / 4 = 15 reads a minute against its
 * 60 / 4.5 ≈ 13.3 (`npm run bench`). The margin covers a timer that fires a little early.
 */
export const HEAD_TTL_MS = shortestDelayMs(PACE_MS.live.head) - 50;

/** A page of the inbox as this rep sees it: the provider's rows (shared by every rep) with the rep's own read marks. */
export async function getConversations(viewer: Viewer, accountId: string, query: ConversationsQuery, signal: AbortSignal): Promise<ConversationsPage> {
  const page = await getProviderConversations(accountId, query, signal);
  const marks = await readMarkStore().marksFor(readerKey(viewer), accountId, page.conversations.map((conversation) => conversation.id));
  return { ...page, conversations: applyReadMarks(page.conversations, marks, query.category) };
}

async function getProviderConversations(accountId: string, query: ConversationsQuery, signal: AbortSignal): Promise<ConversationsPage> {
  const provider = providerFor(accountId);
  // A category the provider cannot filter by is refused, never answered with the whole inbox.
  if (!provider.capabilities.categories.includes(query.category)) {
    throw new ApiError("bad_request", `This account's provider cannot filter by "${CATEGORY_LABELS[query.category]}".`);
  }
  if (query.q !== undefined && !provider.capabilities.search) {
    throw new ApiError("bad_request", "This account's provider cannot search: search the loaded conversations instead.");
  }
  const read = async (): Promise<ConversationsPage> => {
    const { q, ...rest } = query;
    // When it was asked, not answered: what a slow read missed came after this, and the browser
    // orders answers by it (mergeInboxFirstPage) and asks for read marks since it.
    const checkedAt = Date.now();
    const page = await provider.listConversations({ ...rest, keywords: q }, signal);
    return { conversations: page.items, nextCursor: page.nextCursor, meta: { ...metaOf(page), checkedAt } };
  };
  // Later pages and searches are the rep's own asking; the demo costs nothing and keeps no database.
  if (query.cursor !== undefined || query.q !== undefined || isDemoMode()) return read();
  const key = `${headKeyPrefix(accountId)}${query.category}:${query.limit}`;
  const { value, fresh } = await sharedCache().read(key, HEAD_TTL_MS, conversationsPageSchema, read, signal);
  if (fresh) return value;
  // Another request's answer, perhaps another instance's: it cost this one nothing, and this
  // instance learns what reading it would have taught (whom a Linkup reply goes to).
  provider.learnFromPage?.(value.conversations);
  return { ...value, meta: { ...value.meta, creditsConsumed: undefined } };
}

function headKeyPrefix(accountId: string): string {
  return `conversations:${accountId}:`;
}

/** After a change to the account's inbox (a reply sent, a person added or removed, a webhook's news): no shared answer from before it. */
export async function forgetInboxHead(accountId: string): Promise<void> {
  if (!isDemoMode()) await sharedCache().forget(headKeyPrefix(accountId));
}

export async function getMessages(accountId: string, conversationId: string, query: MessagesQuery, signal: AbortSignal): Promise<MessagesPage> {
  const provider = providerFor(accountId);
  const page =
    query.since === undefined
      ? await provider.listMessages({ conversationId, cursor: query.cursor, limit: query.limit }, signal)
      : await provider.messagesSince({ conversationId, since: query.since }, signal);
  return {
    messages: page.items,
    nextCursor: page.nextCursor,
    ...(page.participants ? { participants: page.participants } : {}),
    ...(page.conversationType ? { conversationType: page.conversationType } : {}),
    meta: metaOf(page),
  };
}

/** Whose read marks: a member's own; the demo's one shared visitor. */
function readerKey(viewer: Viewer): string {
  return viewer.kind === "member" ? `user:${viewer.userId}` : "demo";
}

/** More marks than this in one answer: the client reloads the inbox instead. */
const MAX_READ_MARKS = 200;

/** The marks this rep set on the account since `since`, from any of their devices: our database only. */
export async function getReadMarks(viewer: Viewer, accountId: string, since: number): Promise<ReadMarksResponse> {
  const { items, ...window } = await readSince(since, MAX_READ_MARKS, (from, limit) => readMarkStore().marksSince(readerKey(viewer), accountId, from, limit));
  return { marks: items.map(({ conversationId, readThrough }) => ({ conversationId, readThrough })), ...window };
}

/** This rep has read the conversation through `readThrough` (body), or (null) marks it unread. */
export async function markConversation(viewer: Viewer, accountId: string, conversationId: string, body: ReadMarkBody | null): Promise<ReadMarkResponse> {
  const readThrough = body === null ? null : body.readThrough;
  await readMarkStore().mark(readerKey(viewer), accountId, conversationId, readThrough, Date.now());
  return { conversationId, readThrough };
}

/** A reply (see sends/send-message.ts); the inbox's next answer shows it as the conversation's last message. */
export async function sendReply(viewer: Viewer, accountId: string, conversationId: string, body: SendMessageBody): Promise<SendResult> {
  const result = await sendMessage(viewer, accountId, conversationId, body, { store: sendStore() });
  await forgetInboxHead(accountId);
  return result;
}

export async function getPeople(accountId: string, signal: AbortSignal): Promise<PeopleResponse> {
  const people = await peopleFor(accountId).list(signal);
  // A sync that finished (here, or on another instance) changed the inbox: no shared answer from before it.
  const lastSynced = Math.max(0, ...people.map((person) => person.syncedAt ?? 0));
  if (lastSynced > 0 && !isDemoMode()) await sharedCache().forget(headKeyPrefix(accountId), lastSynced);
  return { people };
}

export async function addPerson(accountId: string, body: AddPersonBody, signal: AbortSignal): Promise<PersonResponse> {
  const person = await peopleFor(accountId).add(body, signal);
  await forgetInboxHead(accountId);
  return { person };
}

export async function resyncPerson(accountId: string, personId: string, signal: AbortSignal): Promise<PersonResponse> {
  const person = await peopleFor(accountId).resync(personId, signal);
  await forgetInboxHead(accountId);
  return { person };
}

export async function removePerson(accountId: string, personId: string): Promise<{ removed: true }> {
  await peopleFor(accountId).remove(personId);
  await forgetInboxHead(accountId);
  return { removed: true };
}

function metaOf(page: Page<unknown>): MessagesPage["meta"] {
  return {
    ...(page.creditsConsumed !== undefined ? { creditsConsumed: page.creditsConsumed } : {}),
    ...(page.truncated ? { truncated: true } : {}),
  };
}
