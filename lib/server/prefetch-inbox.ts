import "server-only";
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import type { Category, ConversationsPage } from "@/lib/contracts/api";
import { INBOX_PAGE_SIZE } from "@/lib/client/api-urls";
import type { ConversationPages } from "@/lib/client/merge-inbox";
import { queryKeys } from "@/lib/client/query-keys";
import type { Viewer } from "@/lib/server/auth/viewer";
import { getAccounts, getConversations } from "@/lib/server/inbox";
import { withinPrefetchBudget } from "@/lib/server/prefetch-budget";

/**
 * What the inbox page can hold in its first response: the rep's accounts (our own data) and the
 * category's first page, read by the same functions the API routes call and written under the keys
 * the browser's queries use, so its cache starts full and the pollers take over from there.
 */
export async function prefetchInbox(viewer: Viewer, accountId: string, category: Category): Promise<DehydratedState> {
  const client = new QueryClient();
  const accounts = getAccounts(viewer);
  client.setQueryData(queryKeys.accounts(), accounts);
  const account = accounts.accounts.find((candidate) => candidate.id === accountId);
  if (account?.capabilities.categories.includes(category)) {
    const page = await withinPrefetchBudget(getConversations(viewer, accountId, { category, limit: INBOX_PAGE_SIZE }, new AbortController().signal), accountId);
    if (page) client.setQueryData<ConversationPages<string | null>>(queryKeys.conversations(accountId, category), { pages: [page satisfies ConversationsPage], pageParams: [null] });
  }
  return dehydrate(client);
}
