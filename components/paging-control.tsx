import type { ReactNode } from "react";
import { RetryButton, Spinner } from "./states";

type Labels = { failed: string; load: string; loading: string };

/**
 * The end of an infinite list: a retry when loading the next page failed, a button while there is
 * more (the scroll sentinel usually gets there first), and `end` once everything is loaded.
 */
export function PagingControl({
  failed,
  hasMore,
  loading,
  onLoad,
  labels,
  testId,
  end,
  className,
}: {
  failed: boolean;
  hasMore: boolean;
  loading: boolean;
  onLoad: () => void;
  labels: Labels;
  testId: string;
  end: ReactNode;
  className: string;
}) {
  return (
    <div className={`flex items-center justify-center px-4 ${className}`}>
      {failed ? (
        <div role="alert" data-testid="error-state" className="flex flex-col items-center gap-1 text-center text-sm text-zinc-600">
          <span>{labels.failed}</span>
          <RetryButton compact onRetry={onLoad} retrying={loading} />
        </div>
      ) : hasMore ? (
        <button
          type="button"
          data-testid={testId}
          onClick={onLoad}
          disabled={loading}
          className="inline-flex min-h-11 items-center gap-2 rounded-full px-4 text-sm font-medium text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500 disabled:cursor-default disabled:hover:bg-transparent"
        >
          {loading ? <Spinner label={labels.loading} /> : null}
          {loading ? labels.loading : labels.load}
        </button>
      ) : (
        end
      )}
    </div>
  );
}
