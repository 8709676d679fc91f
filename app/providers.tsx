"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { ACCOUNTS_KEY } from "@/lib/client/accounts-key";
import { trackActivity } from "@/lib/client/activity";
import { ApiError, retryUnreachedRequest } from "@/lib/client/errors";
import { loadResponseSchemas } from "@/lib/client/fetch-json";
import { signInHref } from "@/lib/client/routes";
import { whenIdle } from "@/lib/client/when-idle";

/** A session that ended (expired, signed out elsewhere, removed from the team): sign in, then come back here. */
function onSessionEnded(error: unknown): void {
  if (error instanceof ApiError && error.code === "unauthenticated") {
    window.location.assign(signInHref(`${window.location.pathname}${window.location.search}`));
  }
}

function makeQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error) => {
        onSessionEnded(error);
        // The admin may have taken this account from the rep while the page was open: the accounts
        // list is asked again, and the shell then says so and stops polling it.
        if (error instanceof ApiError && error.code === "not_found") void client.invalidateQueries({ queryKey: ACCOUNTS_KEY, exact: true });
      },
    }),
    mutationCache: new MutationCache({ onError: onSessionEnded }),
    defaultOptions: {
      queries: {
        // Retried in one place, the server: here only a request that never reached it.
        retry: retryUnreachedRequest,
        // Histories opt out explicitly; small pollers opt in. Nothing refetches by surprise.
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  });
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab (useState keeps it across re-renders, never shared between requests).
  const [queryClient] = useState(makeQueryClient);
  // How live the page is sets how often it asks for news (poll-pace.ts); back from idle, the pollers
  // ask at once, as on a tab shown again (TanStack's focus).
  useEffect(() => trackActivity(() => queryClient.getQueryCache().onFocus()), [queryClient]);
  useEffect(() => whenIdle(() => void loadResponseSchemas().catch(() => undefined)), []);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
