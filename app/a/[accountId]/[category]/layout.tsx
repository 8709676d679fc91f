import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { CATEGORY_LABELS } from "@/lib/contracts/api";
import { InboxShell } from "@/components/inbox-shell";
import { decodeIdParam, slugToCategory } from "@/lib/client/routes";
import { requireViewer } from "@/lib/server/auth/page-viewer";
import { viewerSummary } from "@/lib/server/auth/viewer";
import { prefetchInbox } from "@/lib/server/prefetch-inbox";

type Params = Promise<{ accountId: string; category: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const category = slugToCategory((await params).category);
  return { title: category ? CATEGORY_LABELS[category] : "Not found" };
}

/**
 * Holds the inbox list, so it keeps its state and scroll while threads open and close. Its first
 * response already holds the rep's accounts and the category's first page (prefetchInbox).
 * Next 16 passes params still percent-encoded (see lib/client/routes.ts): decode exactly once.
 */
export default async function CategoryLayout({ params, children }: { params: Params; children: ReactNode }) {
  const { accountId: rawAccountId, category: slug } = await params;
  const accountId = decodeIdParam(rawAccountId);
  const category = slugToCategory(slug);
  // An account this rep is not assigned looks exactly like one that does not exist.
  if (accountId === null || category === null) notFound();
  const viewer = await requireViewer();
  if (!viewer.accountIds.has(accountId)) notFound();
  return (
    <HydrationBoundary state={await prefetchInbox(viewer, accountId, category)}>
      <InboxShell accountId={accountId} category={category} viewer={viewerSummary(viewer)}>
        {children}
      </InboxShell>
    </HydrationBoundary>
  );
}
