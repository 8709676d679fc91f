"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { retryUnreachedRequest } from "@/lib/client/errors";

function makeQueryClient(): QueryClient {
  return new QueryClient({
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
}

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab (useState keeps it across re-renders, never shared between requests).
  const [queryClient] = useState(makeQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
