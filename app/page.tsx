"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useAccounts } from "@/lib/client/hooks";
import { inboxHref } from "@/lib/client/routes";
import { Logo } from "@/components/top-bar";
import { EmptyState, ErrorState, Spinner } from "@/components/states";

/** `/`: load the accounts, then go to the first account's inbox (replace: back skips this hop). */
export default function HomePage() {
  const router = useRouter();
  const accounts = useAccounts();
  const first = accounts.data?.accounts[0];

  useEffect(() => {
    if (!first) return;
    const category = first.capabilities.categories.includes("INBOX") ? "INBOX" : (first.capabilities.categories[0] ?? "INBOX");
    router.replace(inboxHref(first.id, category));
  }, [first, router]);

  return (
    <main className="flex h-dvh flex-col items-center justify-center bg-white px-6">
      <div className="mb-8">
        <Logo />
      </div>
      {accounts.isError ? (
        <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} retrying={accounts.isFetching} />
      ) : accounts.isSuccess && !first ? (
        <EmptyState title="No LinkedIn account connected" detail="Connect a LinkedIn account to see your conversations here." />
      ) : (
        <Spinner label="Opening your inbox" />
      )}
    </main>
  );
}
