import "server-only";
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import { cache } from "react";
import type { Category, ConversationsPage } from "@/lib/contracts/api";
import { INBOX_PAGE_SIZE } from "@/lib/client/api-urls";
import type { ConversationPages } from "@/lib/client/merge-inbox";
import { queryKeys } from "@/lib/client/query-keys";
import type { Viewer } from "@/lib/server/auth/viewer";
import { getAccounts, getConversations } from "@/lib/server/inbox";
import { isInAppNavigation, withinPrefetchBudget } from "@/lib/server/prefetch-budget";

/**
 * What the inbox page can hold in its first response: the rep's accounts (our own data) and the
 * category's first page, read by the same functions the API routes call and written under the keys
 * the browser's queries use, so its cache starts full and the pollers take over from there. A
 * category tab (isInAppNavigation) holds only the accounts: the list shows its cache or skeleton at once.
 */
export async function prefetchInbox(viewer: Viewer, accountId: string, category: Category): Promise<DehydratedState> {
  const client = new QueryClient();
  client.setQueryData(queryKeys.accounts(), getAccounts(viewer));
  if (await isInAppNavigation()) return dehydrate(client);
  const page = await firstInboxPage(viewer, accountId, category);
  if (page) client.setQueryData<ConversationPages<string | null>>(queryKeys.conversations(accountId, category), { pages: [page], pageParams: [null] });
  return dehydrate(client);
}

/**
 * The category's first page, as the first response holds it: read once per request (the inbox
 * layout's list and an open thread's header both use it), within the prefetch budget. Undefined
 * where the account has no such category, or the read was late or failed (the browser asks itself).
 */
export const firstInboxPage = cache(async (viewer: Viewer, accountId: string, category: Category): Promise<ConversationsPage | undefined> => {
  const account = getAccounts(viewer).accounts.find((candidate) => candidate.id === accountId);
  if (!account?.capabilities.categories.includes(category)) return undefined;
  return withinPrefetchBudget((signal) => getConversations(viewer, accountId, { category, limit: INBOX_PAGE_SIZE }, signal), accountId);
});
