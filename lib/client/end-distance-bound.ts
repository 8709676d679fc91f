/** A cheaper "how far is the end" for TanStack Virtual anchored to the end (client components only). */
import type { Virtualizer } from "@tanstack/react-virtual";

type Key = number | string | bigint;

/** The parts of TanStack Virtual 3.19 this reads and wraps (not in its public types). */
type Internals = {
  /** Every row's start and size (flat: start, size, start, size…) as of the last rebuild, and its keys (or rows read since). */
  _singleLaneMeasurements: { flat: Float64Array; items: readonly (Key | { key: Key })[] } | null;
  /** Moves on every change of a row's size, wherever it is made. */
  itemSizeCacheVersion: number;
  getVirtualDistanceFromEnd: () => number;
  resizeItem: (index: number, size: number) => void;
  getSize: () => number;
  getScrollOffset: () => number;
};

const bounded = new WeakSet<object>();

/**
 * Anchored to the end, the virtualizer asks how far the list's end is each time it measures a row
 * (to keep the bottom pinned when a row near it grows), and answering rebuilds every row's position
 * since the last measure: a page of rows landing above 10,000 messages cost a page × 10,000 steps,
 * so older pages rendered slower the more were loaded. Far from the end the exact distance is not
 * needed: the positions of the last rebuild, less the most the rows measured since can have moved
 * the end, already say "not at the end", which is all the answer is used for. Near the end, or when
 * the last rebuild no longer matches the rows, it asks the virtualizer as before.
 */
export function boundEndDistance(virtualizer: Virtualizer<HTMLDivElement, Element>): void {
  if (bounded.has(virtualizer)) return;
  bounded.add(virtualizer);
  const internals = virtualizer as unknown as Internals;
  const exactDistance = internals.getVirtualDistanceFromEnd;
  const resizeItem = internals.resizeItem;
  let built: Internals["_singleLaneMeasurements"] = null;
  /** The most the end can have moved since `built`: the sum of every measured change since. */
  let drift = Infinity;
  /** The size cache's version when last seen here: any other means sizes changed elsewhere (`measure()`). */
  let versionSeen = -1;
  const sinceRebuild = () => {
    const now = internals._singleLaneMeasurements;
    if (now !== built) {
      built = now;
      drift = 0;
    }
    // After a rebuild seen above, so that one older than a change made elsewhere does not hide it.
    if (internals.itemSizeCacheVersion !== versionSeen) drift = Infinity;
    return now;
  };

  internals.resizeItem = (index, size) => {
    const measurements = sinceRebuild();
    const key = index >= 0 && index < virtualizer.options.count ? virtualizer.options.getItemKey(index) : undefined;
    const builtRow = measurements?.items[index];
    const builtKey = typeof builtRow === "object" ? builtRow.key : builtRow;
    const before = key !== undefined && builtKey === key && measurements ? (virtualizer.itemSizeCache.get(key) ?? measurements.flat[index * 2 + 1]) : undefined;
    const versionBefore = internals.itemSizeCacheVersion;
    resizeItem(index, size);
    // One change is this row's; more were made while it was applied (a render it flushed).
    const changedElsewhere = internals.itemSizeCacheVersion - versionBefore > 1;
    versionSeen = internals.itemSizeCacheVersion;
    sinceRebuild();
    drift += before === undefined || changedElsewhere ? Infinity : Math.abs(size - before);
  };

  internals.getVirtualDistanceFromEnd = () => {
    const measurements = sinceRebuild();
    const { count, paddingEnd, scrollEndThreshold } = virtualizer.options;
    const lastStart = measurements?.flat[(count - 1) * 2];
    const lastSize = measurements?.flat[(count - 1) * 2 + 1];
    const atLeast =
      measurements?.items.length === count && lastStart !== undefined && lastSize !== undefined
        ? lastStart + lastSize + paddingEnd - internals.getSize() - internals.getScrollOffset() - drift
        : -Infinity;
    if (atLeast > scrollEndThreshold) return atLeast;
    const exact = exactDistance();
    // The exact answer rebuilt every position from every size as they are now.
    built = internals._singleLaneMeasurements;
    drift = 0;
    versionSeen = internals.itemSizeCacheVersion;
    return exact;
  };
}
