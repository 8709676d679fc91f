import "server-only";
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import type { Account, Category } from "@/lib/contracts/api";
import { THREAD_PAGE_SIZE } from "@/lib/client/api-urls";
import type { MessagePages } from "@/lib/client/message-pages";
import { queryKeys } from "@/lib/client/query-keys";
import { threadPreview, type ThreadPreviewData } from "@/lib/client/thread-preview";
import { getMessages } from "@/lib/server/inbox";
import type { Viewer } from "@/lib/server/auth/viewer";
import { isInAppNavigation, withinPrefetchBudget } from "@/lib/server/prefetch-budget";
import { firstInboxPage } from "@/lib/server/prefetch-inbox";

/**
 * A thread opened from its URL (a link, a reload, a shared tab) holds its newest page in its first
 * response, read by the function the messages route calls and written under the key the browser's
 * history query uses: it shows as soon as the page is live, with no request after it. Its newest
 * messages are in the HTML itself too (`preview`), painted before any script has run, under the
 * header and above the composer the live thread will have.
 *
 * Not when the browser moves to the thread itself (isInAppNavigation): it asked for the messages on
 * the tap already (or before it, on intent), and a second read here would cost a second provider call.
 */
export async function prefetchThread(viewer: Viewer, account: Account, category: Category, conversationId: string): Promise<{ state: DehydratedState; preview: ThreadPreviewData | null }> {
  const client = new QueryClient();
  if (await isInAppNavigation()) return { state: dehydrate(client), preview: null };
  const [page, inbox] = await Promise.all([
    withinPrefetchBudget((signal) => getMessages(account.id, conversationId, { limit: THREAD_PAGE_SIZE }, signal), account.id),
    // The layout's own read (one per request): the live thread takes its header from the same page.
    firstInboxPage(viewer, account.id, category),
  ]);
  if (!page) return { state: dehydrate(client), preview: null };
  client.setQueryData<MessagePages<string | null>>(queryKeys.messages(account.id, conversationId), { pages: [page], pageParams: [null] });
  const conversation = inbox?.conversations.find((candidate) => candidate.id === conversationId);
  return { state: dehydrate(client), preview: page.messages.length > 0 ? threadPreview(page, conversation, account) : null };
}
