/**
 * How a page keeps the inbox and the open thread fresh, as QueryObservers on a real QueryClient:
 *  - threadline: what the inbox and thread views mount (useInbox in lib/client/hooks.ts, useThread in use-thread.ts):
 *    the two histories, then, once loaded, the inbox head poller and the thread's `since` poller;
 *  - naive: page 1 of the inbox (20) and of the open thread (30) refetched every 10 s, hidden or not.
 */
import { environmentManager, InfiniteQueryObserver, QueryClient, QueryObserver } from "@tanstack/react-query";
import { retryUnreachedRequest } from "@/lib/client/errors";
import { conversationsHeadQueryOptions, conversationsInfiniteOptions, messagesInfiniteOptions } from "@/lib/client/queries";
import { messagesSinceQueryOptions } from "@/lib/client/thread-poll";

export type PageWatcher = "threadline" | "naive";

export const NAIVE_POLL_MS = 10_000;

/**
 * The browser's client (app/providers.tsx makeQueryClient, minus its redirect to sign-in), mounted
 * as QueryClientProvider mounts it, so focus and network changes reach its queries. In Node,
 * TanStack takes itself for a server, where nothing polls: told otherwise.
 */
export function browserQueryClient(): QueryClient {
  environmentManager.setIsServer(() => false);
  const client = new QueryClient({ defaultOptions: { queries: { retry: retryUnreachedRequest, refetchOnWindowFocus: false, staleTime: 30_000 } } });
  client.mount();
  return client;
}

/** Opens the inbox and the thread and keeps them fresh; returns how to close the page. */
export async function openPage(watcher: PageWatcher, client: QueryClient, accountId: string, threadId: string): Promise<() => void> {
  const naive = watcher === "naive" ? { refetchInterval: NAIVE_POLL_MS, refetchIntervalInBackground: true } : {};
  const inbox = { ...conversationsInfiniteOptions(accountId, "INBOX"), ...naive };
  const thread = { ...messagesInfiniteOptions(accountId, threadId), ...naive };
  await Promise.all([client.fetchInfiniteQuery(inbox), client.fetchInfiniteQuery(thread)]);
  const watch = (observer: { subscribe(listener: () => void): () => void }) => observer.subscribe(() => undefined);
  const unsubscribes = [watch(new InfiniteQueryObserver(client, inbox)), watch(new InfiniteQueryObserver(client, thread))];
  if (watcher === "threadline") {
    unsubscribes.push(watch(new QueryObserver(client, conversationsHeadQueryOptions(accountId, "INBOX"))), watch(new QueryObserver(client, messagesSinceQueryOptions(accountId, threadId, { pushed: false, rowShowsNews: true }))));
  }
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
