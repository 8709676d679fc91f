"use client";

import { ErrorState } from "@/components/states";

/** Last-resort boundary for an unexpected render error. */
export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="flex h-dvh items-center justify-center bg-surface">
      <ErrorState error={error} onRetry={reset} />
    </main>
  );
}
