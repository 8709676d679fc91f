"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { Suspense, useEffect, useMemo, type ReactNode } from "react";
import { CATEGORIES, CATEGORY_LABELS, type Category } from "@/lib/contracts/categories";
import { useAccount } from "@/lib/client/hooks";
import type { ViewerSummary } from "@/lib/contracts/team";
import { lazyComponent } from "@/lib/client/lazy-code";
import { decodeIdParam, homeHref, inboxHref } from "@/lib/client/routes";
import { useIsDesktop } from "@/lib/client/use-media-query";
import { useOutbox } from "@/lib/client/use-outbox";
import { whenIdle } from "@/lib/client/when-idle";
import { useUnreadTitle } from "@/lib/client/read-state";
import { SearchQueryProvider, useSearchQuery } from "@/lib/client/search-query";
import { CategoryTabs } from "./category-tabs";
import { InboxList } from "./inbox-list";
import { OfflineBanner } from "./offline-banner";
import { SearchField } from "./search-field";
import { ShortcutsHelp } from "./shortcuts-help";
import { ErrorState } from "./lazy-error-states";
import { EmptyState } from "./states";
import { TopBar } from "./top-bar";
import { ViewerProvider } from "./viewer-context";
import { NotFoundState } from "./not-found-state";

// Only Linked API accounts show it, so only their pages load its code: the server renders it, and
// the shell asks for its code as it hydrates (what a rep types in it meanwhile is kept: see the panel).
const { Component: PeoplePanel, preload: preloadPeoplePanel } = lazyComponent(() => import("./people-panel").then((m) => m.PeoplePanel));

/**
 * The app shell for /a/{accountId}/{category}[/c/{conversationId}].
 * Phones: the list is one screen, a thread another (the list stays mounted, hidden).
 * lg and up: list and thread side by side.
 * It provides the viewer (for the account menu) itself: a provider rendered by app/a/layout.tsx
 * was a script of its own on every inbox page.
 */
export function InboxShell({ viewer, ...props }: { accountId: string; category: Category; viewer: ViewerSummary; children: ReactNode }) {
  return (
    <ViewerProvider viewer={viewer}>
      <SearchQueryProvider>
        <Shell {...props} />
      </SearchQueryProvider>
    </ViewerProvider>
  );
}

function Shell({ accountId, category, children }: { accountId: string; category: Category; children: ReactNode }) {
  const { query: search } = useSearchQuery();
  const params = useParams<{ conversationId?: string }>();
  const { account, accounts, query } = useAccount(accountId);
  const unknownAccount = query.isSuccess && account === undefined;
  // An account that is gone (or was taken from this rep) shows no thread: only the list's answer.
  const openConversationId = unknownAccount ? null : decodeIdParam(params.conversationId);
  const threadOpen = openConversationId !== null;
  // Replies waiting to go (offline, a reload mid-send) are sent from any page of the account.
  useOutbox(accountId);
  useUnreadTitle(accountId);
  const isDesktop = useIsDesktop();
  const needsSync = account?.capabilities.needsSync === true;
  // Now, not when React gets to hydrating the panel, which it does after the rest of the page.
  if (needsSync) void preloadPeoplePanel();
  // A rep with such an account elsewhere finds the panel's code there when switching to it.
  const someAccountNeedsSync = accounts.some((candidate) => candidate.capabilities.needsSync);
  useEffect(() => (someAccountNeedsSync ? whenIdle(() => void preloadPeoplePanel()) : undefined), [someAccountNeedsSync]);
  // One element for as long as the account is the same: an update reaching the panel before its code
  // has arrived would make React drop the server's panel and show nothing until it did.
  const peoplePanel = useMemo(
    () =>
      needsSync ? (
        <Suspense fallback={null}>
          <PeoplePanel key={accountId} accountId={accountId} />
        </Suspense>
      ) : null,
    [needsSync, accountId],
  );

  // Until the accounts arrive, offer every category (most accounts have them all): less jumpy than one chip.
  const categories = account?.capabilities.categories ?? CATEGORIES;
  const unsupportedCategory = account !== undefined && !account.capabilities.categories.includes(category);

  let list: ReactNode;
  if (unknownAccount) {
    list = (
      <NotFoundState
        title="Account not found"
        detail="This account doesn't exist, isn't connected anymore, or is no longer yours to read."
        backHref={homeHref()}
        backLabel="Go to your inbox"
      />
    );
  } else if (query.isError && account === undefined) {
    list = <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  } else if (unsupportedCategory) {
    list = (
      <EmptyState
        title={`${CATEGORY_LABELS[category]} isn't available`}
        detail="The LinkedIn connection behind this account doesn't offer this view."
      >
        <Link
          href={inboxHref(accountId, "INBOX")}
          className="inline-flex min-h-11 items-center rounded-lg px-4 text-sm font-medium text-accent-700 hover:bg-accent-50"
        >
          Open Inbox
        </Link>
      </EmptyState>
    );
  } else {
    // Loads in parallel with the accounts list (first paint is one round trip, not two).
    list = (
      <InboxList
        accountId={accountId}
        category={category}
        openConversationId={openConversationId}
        hidden={threadOpen && !isDesktop}
        providerSearches={account?.capabilities.search === true}
        emptyDetail={account?.capabilities.needsSync ? "Add a LinkedIn profile above: once its conversation is synchronized, it shows up here." : undefined}
      />
    );
  }

  return (
    <div className="safe-area-x flex h-dvh flex-col bg-surface pt-[env(safe-area-inset-top)]">
      {/* The first Tab stop beside an open thread: past the bar and every row of the list. */}
      {threadOpen && isDesktop ? (
        <button
          type="button"
          data-testid="skip-to-thread"
          onClick={() => document.getElementById("thread-messages")?.focus()}
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-lg focus:bg-zinc-900 focus:p-3 focus:text-sm focus:text-surface"
        >
          Skip to conversation
        </button>
      ) : null}
      <TopBar
        account={account}
        accounts={accounts}
        accountId={accountId}
        showDemoBadge={account?.isDemo === true && (!threadOpen || isDesktop)}
        className={threadOpen ? "hidden lg:flex" : "flex"}
      />
      <OfflineBanner />
      <main className="flex min-h-0 flex-1">
        <section
          aria-label={`${CATEGORY_LABELS[category]} conversations`}
          className={`${threadOpen ? "hidden" : "flex"} min-h-0 w-full min-w-0 flex-col lg:flex lg:w-[400px] lg:shrink-0 lg:border-r lg:border-zinc-200/80 xl:w-[440px]`}
        >
          {/* The list's heading, for moving by headings (the open thread's name is the thread's). */}
          <h1 className="sr-only">{CATEGORY_LABELS[category]}</h1>
          {unknownAccount ? null : <CategoryTabs accountId={accountId} active={category} available={categories} query={search} />}
          {unknownAccount || unsupportedCategory ? null : <SearchField label={`Search ${CATEGORY_LABELS[category]}`} />}
          {peoplePanel}
          {list}
        </section>
        <div className={`${threadOpen ? "flex" : "hidden"} min-h-0 min-w-0 flex-1 flex-col bg-zinc-50/60 lg:flex`}>{unknownAccount ? null : children}</div>
      </main>
      <ShortcutsHelp />
    </div>
  );
}
