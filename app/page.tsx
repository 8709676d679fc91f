import Link from "next/link";
import { redirect } from "next/navigation";
import { AccountMenu } from "@/components/account-menu";
import { EmptyState } from "@/components/states";
import { Logo } from "@/components/logo";
import { ViewerProvider } from "@/components/viewer-context";
import { inboxHref } from "@/lib/client/routes";
import { listAccountSummaries } from "@/lib/server/accounts";
import { requireViewer } from "@/lib/server/auth/page-viewer";
import { viewerSummary } from "@/lib/server/auth/viewer";

/** `/`: straight to the first inbox this rep may read, decided on the server (no spinner hop). */
export default async function HomePage() {
  const viewer = await requireViewer();
  const first = listAccountSummaries().find((account) => viewer.accountIds.has(account.id));
  if (first) redirect(inboxHref(first.id, first.capabilities.categories.includes("INBOX") ? "INBOX" : (first.capabilities.categories[0] ?? "INBOX")));
  return (
    <ViewerProvider viewer={viewerSummary(viewer)}>
      <main data-page-scroll className="flex min-h-dvh flex-col bg-surface">
        <header className="flex h-14 items-center justify-between border-b border-zinc-200/80 px-4">
          <Logo />
          <AccountMenu />
        </header>
        <EmptyState
          title="No LinkedIn account for you yet"
          detail={viewer.isAdmin ? "Assign yourself or your reps an account on the Team page." : "Your admin assigns the accounts you can read. Ask them to add you to one."}
        >
          {viewer.isAdmin ? (
            <Link href="/team" className="inline-flex min-h-11 items-center rounded-lg bg-zinc-900 px-4 text-sm font-medium text-surface hover:bg-zinc-800">
              Open the Team page
            </Link>
          ) : null}
        </EmptyState>
      </main>
    </ViewerProvider>
  );
}
