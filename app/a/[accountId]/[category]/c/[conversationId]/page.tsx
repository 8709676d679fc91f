import { notFound } from "next/navigation";
import { ThreadView } from "@/components/thread-view";
import { decodeIdParam, slugToCategory } from "@/lib/client/routes";

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
  // Keyed: another conversation is a fresh view (scroll position, "new messages" state).
  return <ThreadView key={`${accountId}\u0000${conversationId}`} accountId={accountId} category={category} conversationId={conversationId} />;
}
