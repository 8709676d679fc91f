/** Renders only the inbox rows near the viewport (client components only). */
import type { VirtualItem, Virtualizer } from "@tanstack/react-virtual";
import { useCallback, type RefObject } from "react";
import type { Conversation } from "@/lib/contracts/api";
import { useLazyVirtualizer, type VirtualLibrary } from "./use-lazy-virtualizer";

/** A row's height before it is measured: with a headline line, and without. */
const ROW_WITH_HEADLINE_PX = 90;
const ROW_PX = 77;
/** Rows rendered beyond each edge of the viewport, so a fling does not outrun them. */
const OVERSCAN_ROWS = 6;
/**
 * The viewport the server renders for (a phone's first screen), and the one the browser's first
 * render assumes, so that hydration sees the same rows the HTML has; the browser measures right after.
 */
const FIRST_RENDER_RECT = { width: 360, height: 800 };

/**
 * A hidden list (display: none, behind a phone's open thread) measures 0 × 0, and so do its rows.
 * It keeps its last size and its rows' heights instead, so its rows stay as they were and the way
 * back shows them at once, where they were. Its offset too: the virtualizer reads it again after a
 * scroll settles, which may be after a tap hid the list (0 then).
 */
function shownOnly(library: VirtualLibrary) {
  const observeElementRect: VirtualLibrary["observeElementRect"] = (instance, onRect) =>
    library.observeElementRect(instance, (rect) => {
      if (rect.width > 0 && rect.height > 0) onRect(rect);
    });
  const observeElementOffset: VirtualLibrary["observeElementOffset"] = (instance, onOffset) =>
    library.observeElementOffset(instance, (offset, isScrolling) => {
      const shown = (instance.scrollElement?.clientHeight ?? 0) > 0;
      onOffset(shown ? offset : (instance.scrollOffset ?? 0), isScrolling);
    });
  return { observeElementRect, observeElementOffset };
}

/**
 * The rows a first screen shows before the virtualizer has loaded (and on the server): those that
 * fit in FIRST_RENDER_RECT at the top, and OVERSCAN_ROWS more, at their estimated heights, as the
 * virtualizer's own first render places them.
 */
function firstScreenRows(count: number, getItemKey: (index: number) => string | number, estimateSize: (index: number) => number): VirtualItem[] {
  const rows: VirtualItem[] = [];
  let start = 0;
  let lastInView: number | null = null;
  for (let index = 0; index < count && (lastInView === null || index <= lastInView + OVERSCAN_ROWS); index++) {
    const size = estimateSize(index);
    rows.push({ key: getItemKey(index), index, start, end: start + size, size, lane: 0 });
    start += size;
    if (lastInView === null && start >= FIRST_RENDER_RECT.height) lastInView = index;
  }
  return rows;
}

const noMeasuring = () => {};

export type InboxVirtualizer = Virtualizer<HTMLDivElement, Element>;

/**
 * The rows stay in the document's flow: the list is padded above and below the rendered window
 * by the height of the rows left out. So the server's rows, and the first paint, sit exactly where
 * their own heights put them, and nothing moves when the browser measures them.
 */
export function useInboxVirtualizer(scrollerRef: RefObject<HTMLDivElement | null>, conversations: readonly Conversation[], hidden: boolean) {
  const getItemKey = useCallback((index: number) => conversations[index]?.id ?? index, [conversations]);
  const estimateSize = useCallback((index: number) => (conversations[index]?.participant.headline ? ROW_WITH_HEADLINE_PX : ROW_PX), [conversations]);
  const virtualizer = useLazyVirtualizer((library) => ({
    count: conversations.length,
    getScrollElement: () => scrollerRef.current,
    getItemKey,
    estimateSize,
    overscan: OVERSCAN_ROWS,
    initialRect: FIRST_RENDER_RECT,
    scrollToFn: library.elementScroll,
    ...shownOnly(library),
    useCachedMeasurements: hidden,
  }));
  const rows = virtualizer?.getVirtualItems() ?? firstScreenRows(conversations.length, getItemKey, estimateSize);
  const first = rows[0];
  const last = rows[rows.length - 1];
  const totalSize = virtualizer?.getTotalSize() ?? sumOfEstimates(conversations.length, estimateSize);
  const padding = { paddingTop: first?.start ?? 0, paddingBottom: totalSize - (last?.end ?? 0) };
  return { virtualizer, rows, padding, measure: virtualizer?.measureElement ?? noMeasuring };
}

function sumOfEstimates(count: number, estimateSize: (index: number) => number): number {
  let total = 0;
  for (let index = 0; index < count; index++) total += estimateSize(index);
  return total;
}
