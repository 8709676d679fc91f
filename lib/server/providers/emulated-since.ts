import "server-only";
import { continuePage, type CursorState } from "@/lib/server/providers/page-cursor";

/**
 * For providers without `since` (Linkup v1 and v2): read the newest pages until one reaches past it.
 * Page sizes grow so that the common poll (a few new messages) costs one small request; past the
 * last page the answer is marked truncated and the client reloads the thread instead of merging.
 */
export const SINCE_PAGE_SIZES = [10, 25, 50, 100, 100, 100] as const;

export type SincePage<T> = {
  /** Newest first, as the provider sent them. */
  items: readonly T[];
  /** The provider's cursor to the next older page, or null at the end. */
  upstreamNext: string | null;
  creditsConsumed?: number;
};

export type SinceResult<T> = {
  /** Every item with time >= since that was read, newest first, each once. */
  items: T[];
  /** Summed over the pages read; undefined when no page said. */
  creditsConsumed: number | undefined;
  truncated: boolean;
};

export async function collectSince<T>(
  since: number,
  key: { idOf: (item: T) => string; timeOf: (item: T) => number },
  fetchPage: (count: number, upstreamCursor: string | undefined) => Promise<SincePage<T>>,
): Promise<SinceResult<T>> {
  const collected = new Map<string, T>();
  let state: CursorState | undefined;
  let credits: number | undefined;
  let truncated = false;
  for (const [index, count] of SINCE_PAGE_SIZES.entries()) {
    const page = await fetchPage(count, state?.u);
    if (page.creditsConsumed !== undefined) credits = (credits ?? 0) + page.creditsConsumed;
    const step = continuePage(page.items, page.upstreamNext, state, key);
    for (const item of step.items) {
      if (key.timeOf(item) >= since) collected.set(key.idOf(item), item);
    }
    const reachedSince = page.items.some((item) => key.timeOf(item) < since);
    if (reachedSince || step.next === null) break;
    if (index === SINCE_PAGE_SIZES.length - 1) truncated = true;
    state = step.next;
  }
  const newestFirst = [...collected.values()].sort((a, b) => key.timeOf(b) - key.timeOf(a));
  return { items: newestFirst, creditsConsumed: credits, truncated };
}
