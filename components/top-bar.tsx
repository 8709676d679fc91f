"use client";

import Link from "next/link";
import type { Account } from "@/lib/contracts/api";
import { homeHref } from "@/lib/client/routes";
import { AccountMenu } from "./account-menu";
import { AccountSwitcher } from "./account-switcher";
import { Logo } from "./logo";

export function DemoBadge({ compact = false, className = "" }: { compact?: boolean; className?: string }) {
  return (
    <span
      data-testid="demo-badge"
      title="This account shows simulated demo conversations, not real LinkedIn data."
      className={`inline-flex shrink-0 items-center gap-1.5 rounded-full border border-amber-200 bg-amber-50 text-xs font-medium text-amber-800 ${compact ? "px-1.5" : "px-2.5 py-0.5"} ${className}`}
    >
      <span className="size-1.5 rounded-full bg-amber-500" aria-hidden="true" />
      {compact ? "Demo" : "Demo data"}
    </span>
  );
}

/** App bar: brand, account (a native select when there are several: best on phones), demo badge. */
export function TopBar({
  account,
  accounts,
  accountId,
  showDemoBadge,
  className = "",
}: {
  account: Account | undefined;
  accounts: Account[];
  accountId: string;
  /** Exactly one demo badge is rendered at a time (the thread header shows it on phones). */
  showDemoBadge: boolean;
  className?: string;
}) {
  return (
    <header className={`h-14 shrink-0 items-center gap-3 border-b border-zinc-200/80 bg-surface px-4 ${className}`}>
      <Link
        href={homeHref()}
        data-testid="home-link"
        className="-mx-1 inline-flex min-h-11 min-w-11 items-center rounded-lg px-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500"
        aria-label="Threadline home"
      >
        <Logo compactOnPhone={accounts.length > 1} />
      </Link>
      <div className="ml-auto flex min-w-0 items-center gap-2">
        {showDemoBadge ? <DemoBadge /> : null}
        {accounts.length > 1 ? (
          <AccountSwitcher account={account} accounts={accounts} accountId={accountId} />
        ) : account ? (
          <span className="hidden truncate text-sm font-medium text-zinc-700 sm:inline" title={account.label}>
            {account.label}
          </span>
        ) : null}
        <AccountMenu />
      </div>
    </header>
  );
}
