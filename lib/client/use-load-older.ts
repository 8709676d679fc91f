/** Loads older pages as the top of a scroller comes near (client components only). */
import { useEffect, useRef } from "react";

/** How long the top must stay near before older messages load by themselves. */
const LOAD_OLDER_SETTLE_MS = 200;

/**
 * Returns a ref for a sentinel at the top of the list. Re-observed after each page, so a short
 * first page keeps loading until the screen is full. The top must stay near for a moment first: a
 * programmatic jump or a fling past it does not prepend a page under the reader mid-gesture.
 */
export function useLoadOlder(
  scrollerRef: React.RefObject<HTMLElement | null>,
  history: { hasNextPage: boolean; isFetchingNextPage: boolean; isFetchNextPageError: boolean; fetchNextPage: () => Promise<unknown> },
) {
  const topSentinelRef = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = history;
  useEffect(() => {
    const root = scrollerRef.current;
    const sentinel = topSentinelRef.current;
    if (!root || !sentinel || !hasNextPage || isFetchingNextPage || isFetchNextPageError) return;
    let timer: number | undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        const near = entries.some((e) => e.isIntersecting);
        window.clearTimeout(timer);
        if (near) timer = window.setTimeout(() => void fetchNextPage(), LOAD_OLDER_SETTLE_MS);
      },
      { root, rootMargin: "400px 0px 0px 0px" },
    );
    observer.observe(sentinel);
    return () => {
      window.clearTimeout(timer);
      observer.disconnect();
    };
  }, [scrollerRef, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);
  return topSentinelRef;
}
