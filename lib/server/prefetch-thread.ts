import "server-only";
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import { headers } from "next/headers";
import type { MessagesPage } from "@/lib/contracts/api";
import { THREAD_PAGE_SIZE } from "@/lib/client/api-urls";
import type { MessagePages } from "@/lib/client/merge-messages";
import { queryKeys } from "@/lib/client/query-keys";
import { threadPreview, type ThreadPreviewData } from "@/lib/client/thread-preview";
import { getMessages } from "@/lib/server/inbox";
import { withinPrefetchBudget } from "@/lib/server/prefetch-budget";

/**
 * A thread opened from its URL (a link, a reload, a shared tab) holds its newest page in its first
 * response, read by the function the messages route calls and written under the key the browser's
 * history query uses: it shows as soon as the page is live, with no request after it. Its newest
 * messages are in the HTML itself too (`preview`), painted before any script has run.
 *
 * Not when the browser moves to the thread itself (a tap in the inbox; Next asks for the page's
 * RSC payload, `RSC: 1`): it asked for the messages on the tap already (starting on intent), and a
 * second read here would cost a second provider call.
 */
export async function prefetchThread(accountId: string, conversationId: string, canReply: boolean): Promise<{ state: DehydratedState; preview: ThreadPreviewData | null }> {
  const client = new QueryClient();
  let page: MessagesPage | null = null;
  if ((await headers()).get("rsc") === null) {
    page = (await withinPrefetchBudget(getMessages(accountId, conversationId, { limit: THREAD_PAGE_SIZE }, new AbortController().signal), accountId)) ?? null;
    if (page) client.setQueryData<MessagePages<string | null>>(queryKeys.messages(accountId, conversationId), { pages: [page], pageParams: [null] });
  }
  return { state: dehydrate(client), preview: page && page.messages.length > 0 ? threadPreview(page, canReply) : null };
}
