import type { CSSProperties, ReactNode } from "react";
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
  style,
  tabIndex,
}: {
  failed: boolean;
  hasMore: boolean;
  loading: boolean;
  onLoad: () => void;
  labels: Labels;
  testId: string;
  end: ReactNode;
  className: string;
  style?: CSSProperties;
  tabIndex?: number;
}) {
  return (
    <div className={`flex items-center justify-center px-4 ${className}`} style={style}>
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
          tabIndex={tabIndex}
          className="inline-flex min-h-11 items-center gap-2 rounded-full border border-zinc-300 bg-surface px-4 text-sm font-medium text-accent-700 shadow-xs hover:border-accent-300 hover:bg-accent-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500 active:bg-accent-100 disabled:cursor-default disabled:border-transparent disabled:bg-transparent disabled:text-zinc-600 disabled:shadow-none"
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
