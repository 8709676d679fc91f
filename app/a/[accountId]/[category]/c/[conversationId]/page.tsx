import { HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import { ThreadView } from "@/components/thread-view";
import { decodeIdParam, slugToCategory } from "@/lib/client/routes";
import { requireViewer } from "@/lib/server/auth/page-viewer";
import { getAccounts } from "@/lib/server/inbox";
import { prefetchThread } from "@/lib/server/prefetch-thread";

export const metadata = { title: "Conversation" };

export default async function ConversationPage({
  params,
}: {
  params: Promise<{ accountId: string; category: string; conversationId: string }>;
}) {
  const { accountId: rawAccountId, category: slug, conversationId: rawConversationId } = await params;
  const accountId = decodeIdParam(rawAccountId);
  const conversationId = decodeIdParam(rawConversationId);
  const category = slugToCategory(slug);
  if (accountId === null || conversationId === null || category === null) notFound();
  // The layout checks this too, but Next renders a page beside its layouts: this page reads the account's data itself.
  const viewer = await requireViewer();
  const account = getAccounts(viewer).accounts.find((candidate) => candidate.id === accountId);
  if (!account) notFound();
  const { state, preview } = await prefetchThread(viewer, account, category, conversationId);
  return (
    <HydrationBoundary state={state}>
      {/* Keyed: another conversation is a fresh view (scroll position, "new messages" state). */}
      <ThreadView key={`${accountId}\u0000${conversationId}`} accountId={accountId} category={category} conversationId={conversationId} preview={preview} />
    </HydrationBoundary>
  );
}
