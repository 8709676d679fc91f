/** React hooks over the query definitions (client components only). */
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import type { Account, Category } from "@/lib/contracts/api";
import { flattenConversations } from "./merge-inbox";
import { useReadMarksFromOtherDevices } from "./read-state";
import {
  accountsQueryOptions,
  changesQueryOptions,
  conversationsHeadQueryOptions,
  conversationsInfiniteOptions,
} from "./queries";

export function useAccounts() {
  return useQuery(accountsQueryOptions());
}

export function useAccount(accountId: string): {
  account: Account | undefined;
  accounts: Account[];
  query: ReturnType<typeof useAccounts>;
} {
  const query = useAccounts();
  const accounts = useMemo(() => query.data?.accounts ?? [], [query.data]);
  const account = useMemo(() => accounts.find((a) => a.id === accountId), [accounts, accountId]);
  return { account, accounts, query };
}

/** Whether the account's provider tells us of new messages (a webhook is registered): see queries.ts. */
function useIsPushed(accountId: string): boolean {
  return useAccount(accountId).account?.capabilities.push === true;
}

/**
 * The loaded inbox (every page, deduped) plus its head poller, the account's one question per
 * period; for a pushed account, also the poller of what its webhooks announced.
 */
export function useInbox(accountId: string, category: Category) {
  const pushed = useIsPushed(accountId);
  const history = useInfiniteQuery(conversationsInfiniteOptions(accountId, category));
  // Loaded, not `isSuccess`: a failed "load more" leaves the history in error, its pages intact,
  // and the inbox must stay fresh meanwhile.
  const loaded = history.data !== undefined;
  const head = useQuery({ ...conversationsHeadQueryOptions(accountId, category, pushed), enabled: loaded });
  const changes = useQuery({ ...changesQueryOptions(accountId), enabled: pushed && loaded });
  useReadMarksFromOtherDevices(accountId, loaded);
  const conversations = useMemo(() => flattenConversations(history.data), [history.data]);
  return { history, head, changes, pushed, conversations };
}

/** The current time, refreshed every `intervalMs` (for relative timestamps). */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    const onVisible = () => {
      if (document.visibilityState === "visible") setNow(Date.now());
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(id);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [intervalMs]);
  return now;
}
