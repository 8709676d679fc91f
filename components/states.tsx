import type { ReactNode } from "react";
import { RefreshIcon } from "./icons";

export function RetryButton({ onRetry, retrying = false, compact = false }: { onRetry: () => void; retrying?: boolean; compact?: boolean }) {
  return (
    <button
      type="button"
      data-testid="retry-button"
      onClick={onRetry}
      disabled={retrying}
      className={`inline-flex min-h-11 items-center justify-center gap-2 rounded-lg font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500 disabled:opacity-60 ${
        compact
          ? "px-3 text-sm text-accent-700 hover:bg-accent-50"
          : "bg-zinc-900 px-4 text-sm text-surface shadow-sm hover:bg-zinc-800"
      }`}
    >
      <RefreshIcon width={16} height={16} className={retrying ? "animate-spin" : undefined} />
      {retrying ? "Retrying…" : "Retry"}
    </button>
  );
}

const BANNER_TONES = {
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  quiet: "border-zinc-200 bg-zinc-100 text-zinc-700",
} as const;

/** The slim status strip above data that stays on screen (stale data, offline). */
export function Banner({ testId, tone, icon, children }: { testId: string; tone: keyof typeof BANNER_TONES; icon: ReactNode; children: ReactNode }) {
  return (
    <div role="status" data-testid={testId} className={`flex shrink-0 items-center gap-2 border-b px-4 py-1 text-[13px] leading-snug ${BANNER_TONES[tone]}`}>
      {icon}
      {children}
    </div>
  );
}

export function EmptyState({
  icon,
  title,
  detail,
  children,
  testId = "empty-state",
  Heading = "h2",
}: {
  icon?: ReactNode;
  title: string;
  detail?: string;
  children?: ReactNode;
  testId?: string;
  /** h1 where the state is the whole page. */
  Heading?: "h1" | "h2";
}) {
  return (
    <div data-testid={testId} className="mx-auto flex max-w-sm flex-col items-center px-6 py-14 text-center">
      {icon ? (
        <span className="mb-4 inline-flex size-12 items-center justify-center rounded-full bg-zinc-100 text-zinc-500">{icon}</span>
      ) : null}
      <Heading className="text-base font-semibold text-zinc-900">{title}</Heading>
      {detail ? <p className="mt-1.5 text-sm leading-relaxed text-pretty text-zinc-600">{detail}</p> : null}
      {children ? <div className="mt-5">{children}</div> : null}
    </div>
  );
}

export function Spinner({ label = "Loading" }: { label?: string }) {
  return (
    <span role="status" className="inline-flex items-center gap-2 text-sm text-zinc-500">
      <span className="size-4 animate-spin rounded-full border-2 border-zinc-300 border-t-accent-500" aria-hidden="true" />
      <span className="sr-only">{label}</span>
    </span>
  );
}

export function InboxSkeleton({ rows = 8 }: { rows?: number }) {
  return (
    <div aria-hidden="true" className="animate-shimmer">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex gap-3 px-4 py-3.5">
          <div className="size-11 shrink-0 rounded-full bg-zinc-200/80" />
          <div className="min-w-0 flex-1 space-y-2 pt-1">
            <div className="flex justify-between gap-4">
              <div className="h-3.5 rounded bg-zinc-200/80" style={{ width: `${40 + ((i * 17) % 30)}%` }} />
              <div className="h-3 w-8 rounded bg-zinc-200/60" />
            </div>
            <div className="h-3 rounded bg-zinc-200/60" style={{ width: `${65 + ((i * 11) % 30)}%` }} />
          </div>
        </div>
      ))}
    </div>
  );
}
