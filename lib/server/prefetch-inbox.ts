import "server-only";
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import type { Category, ConversationsPage } from "@/lib/contracts/api";
import { INBOX_PAGE_SIZE } from "@/lib/client/api-urls";
import type { ConversationPages } from "@/lib/client/merge-inbox";
import { queryKeys } from "@/lib/client/query-keys";
import type { Viewer } from "@/lib/server/auth/viewer";
import { getAccounts, getConversations } from "@/lib/server/inbox";
import { logEvent } from "@/lib/server/log";

/**
 * How long a page waits for the inbox's first page from the provider before it is sent without it:
 * a slow provider must not hold the whole page back. The read is not cancelled: its answer lands in
 * the shared cache, where the browser's own request for it finds it (one provider call, not two).
 */
export const PREFETCH_BUDGET_MS = 1_500;

const TIMED_OUT = Symbol("timed out");

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
    const read = getConversations(viewer, accountId, { category, limit: INBOX_PAGE_SIZE }, new AbortController().signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), PREFETCH_BUDGET_MS);
    });
    try {
      const page = await Promise.race([read, late]);
      if (page === TIMED_OUT) logEvent("prefetch", { accountId, outcome: "over_budget" });
      else client.setQueryData<ConversationPages<string | null>>(queryKeys.conversations(accountId, category), { pages: [page satisfies ConversationsPage], pageParams: [null] });
    } catch (error) {
      // The browser asks again and, if it fails there too, explains why.
      logEvent("prefetch", { accountId, outcome: error instanceof Error ? error.name : "error" });
    } finally {
      clearTimeout(timer);
      read.catch(() => undefined);
    }
  }
  return dehydrate(client);
}
