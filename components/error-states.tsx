import type { ReactNode } from "react";
import { describeError } from "@/lib/client/describe-error";
import { AlertIcon } from "./icons";
import { Banner, RetryButton } from "./states";

/*
 * What an error looks like, in the words describe-error.ts finds for it. Not in the first screen's
 * scripts: the inbox loads this when the page is idle (lazy-error-states.ts), a thread with its own code.
 */

/** Full-area error with a clear message derived from the error code, and Retry when it helps. */
export function ErrorState({
  error,
  onRetry,
  retrying = false,
  action,
}: {
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
  action?: ReactNode;
}) {
  const { title, detail, action: whatToDo, canRetry } = describeError(error);
  return (
    <div
      role="alert"
      data-testid="error-state"
      className="mx-auto flex max-w-sm flex-col items-center px-6 py-12 text-center"
    >
      <span className="mb-4 inline-flex size-11 items-center justify-center rounded-full bg-red-50 text-red-600">
        <AlertIcon />
      </span>
      <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
      <p className="mt-1.5 text-sm leading-relaxed text-pretty text-zinc-600">{detail}</p>
      <p className="mt-1 text-sm leading-relaxed font-medium text-pretty text-zinc-800">{whatToDo}</p>
      <div className="mt-5 flex flex-wrap items-center justify-center gap-2">
        {onRetry && canRetry ? <RetryButton onRetry={onRetry} retrying={retrying} /> : null}
        {action}
      </div>
    </div>
  );
}

/**
 * A slim banner over data that stays on screen while background refreshes fail: what is wrong,
 * what the rep can do, and that what was loaded is still shown. It goes away with the next
 * successful refresh (the caller shows it only while the poller is in error).
 */
export function StaleBanner({ error, onRetry, retrying }: { error: unknown; onRetry: () => void; retrying: boolean }) {
  const { title, action, canRetry } = describeError(error);
  return (
    <Banner testId="refresh-error" tone="warning" icon={<AlertIcon width={16} height={16} className="shrink-0" />}>
      <p className="min-w-0 flex-1 py-1">
        <span className="font-semibold">{title}.</span> {action} <span className="text-amber-800/80">Showing what was loaded.</span>
      </p>
      {canRetry ? <RetryButton onRetry={onRetry} retrying={retrying} compact /> : null}
    </Banner>
  );
}

