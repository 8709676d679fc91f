"use client";

import { UNEXPECTED_ERROR } from "@/lib/client/error-description";

/**
 * Last-resort boundary for an unexpected render error. Every page's first scripts carry it, in
 * chunks of its own (Turbopack gives a boundary its modules again), so it is plain markup, sharing
 * no component: the states' ErrorState with its icons would be in every page twice.
 */
export default function RootError({ retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const { title, detail, action } = UNEXPECTED_ERROR;
  return (
    <main className="flex h-dvh items-center justify-center bg-surface">
      <div role="alert" data-testid="error-state" className="mx-auto flex max-w-sm flex-col items-center px-6 py-12 text-center">
        <h1 className="text-base font-semibold text-zinc-900">{title}</h1>
        <p className="mt-1.5 text-sm leading-relaxed text-pretty text-zinc-600">{detail}</p>
        <p className="mt-1 text-sm leading-relaxed font-medium text-pretty text-zinc-800">{action}</p>
        <button
          type="button"
          data-testid="retry-button"
          // retry, not reset: it asks the server again (a blip in a server render), reset only re-renders what failed.
          onClick={retry}
          className="mt-5 inline-flex min-h-11 items-center justify-center rounded-lg bg-zinc-900 px-4 text-sm font-medium text-surface shadow-sm hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500"
        >
          Retry
        </button>
      </div>
    </main>
  );
}
