import "server-only";
import type { AccountsResponse, ConversationsPage, MessagesPage } from "@/lib/contracts/api";
import type { ConversationsQuery, MessagesQuery } from "@/lib/contracts/queries";
import { listAccountSummaries, providerFor } from "@/lib/server/accounts";
import type { Page } from "@/lib/server/providers/types";

/** The named server functions behind our API routes: provider pages in, contract shapes out. */

export function getAccounts(): AccountsResponse {
  return { accounts: listAccountSummaries() };
}

export async function getConversations(accountId: string, query: ConversationsQuery, signal: AbortSignal): Promise<ConversationsPage> {
  const page = await providerFor(accountId).listConversations(query, signal);
  return { conversations: page.items, nextCursor: page.nextCursor, meta: metaOf(page) };
}

export async function getMessages(accountId: string, conversationId: string, query: MessagesQuery, signal: AbortSignal): Promise<MessagesPage> {
  const provider = providerFor(accountId);
  const page =
    query.since === undefined
      ? await provider.listMessages({ conversationId, cursor: query.cursor, limit: query.limit }, signal)
      : await provider.messagesSince({ conversationId, since: query.since }, signal);
  return { messages: page.items, nextCursor: page.nextCursor, meta: metaOf(page) };
}

function metaOf(page: Page<unknown>): MessagesPage["meta"] {
  return {
    ...(page.creditsConsumed !== undefined ? { creditsConsumed: page.creditsConsumed } : {}),
    ...(page.truncated ? { truncated: true } : {}),
  };
}
