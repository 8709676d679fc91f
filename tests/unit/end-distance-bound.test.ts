import { Virtualizer } from "@tanstack/react-virtual";
import { describe, expect, it } from "vitest";
import { boundEndDistance } from "@/lib/client/end-distance-bound";

const VIEWPORT = 800;
const ESTIMATE = 56;

/** A scroll container without a DOM: what the virtualizer reads of one, and every scroll it writes. */
function list(count: number, bounded: boolean) {
  const element = { scrollTop: 0, clientHeight: VIEWPORT, clientWidth: 360, scrollHeight: 0, ownerDocument: { defaultView: null } };
  let keysAsked = 0;
  let reportOffset: (offset: number, isScrolling: boolean) => void = () => undefined;
  const virtualizer = new Virtualizer<HTMLDivElement, Element>({
    count,
    getScrollElement: () => element as unknown as HTMLDivElement,
    estimateSize: () => ESTIMATE,
    getItemKey: (index) => {
      keysAsked++;
      return `row-${index}`;
    },
    anchorTo: "end",
    scrollEndThreshold: 120,
    observeElementRect: (_instance, notify) => {
      notify({ width: 360, height: VIEWPORT });
      return () => undefined;
    },
    observeElementOffset: (_instance, notify) => {
      reportOffset = notify;
      notify(element.scrollTop, false);
      return () => undefined;
    },
    // As in a browser, the scroll event of a write comes later, not inside the write.
    scrollToFn: (offset, { adjustments = 0 }) => {
      element.scrollTop = offset + adjustments;
    },
  });
  if (bounded) boundEndDistance(virtualizer);
  virtualizer._didMount();
  virtualizer._willUpdate();
  const layOut = () => {
    element.scrollHeight = virtualizer.getTotalSize();
  };
  layOut();
  return {
    virtualizer,
    scrollTo(offset: number) {
      element.scrollTop = offset;
      reportOffset(offset, false);
    },
    /** Each row measured at its size, one by one, as rows mounting in one commit are. */
    measure(sizes: ReadonlyMap<number, number>) {
      for (const [index, size] of sizes) virtualizer.resizeItem(index, size);
      layOut();
      reportOffset(element.scrollTop, false);
    },
    state: () => ({ scrollTop: element.scrollTop, total: virtualizer.getTotalSize(), starts: virtualizer.getVirtualItems().map((item) => [item.key, item.start]) }),
    keysAsked: () => keysAsked,
  };
}

/** Sizes for rows first..last, not the estimate: each row's text wraps to its own number of lines. */
function sizes(first: number, last: number, lines = (index: number) => 1 + ((index * 7) % 5)): Map<number, number> {
  const measured = new Map<number, number>();
  for (let index = first; index <= last; index++) measured.set(index, 20 + 21 * lines(index));
  return measured;
}

describe("boundEndDistance", () => {
  it("moves nothing differently: rows measured far above the end, then rows at the end while the reader is there", () => {
    const plain = list(2_000, false);
    const bounded = list(2_000, true);
    for (const each of [plain, bounded]) {
      each.scrollTo(0);
      each.measure(sizes(0, 40));
      each.scrollTo(3_000);
      each.measure(sizes(41, 90, (index) => 2 + (index % 3)));
    }
    expect(bounded.state()).toEqual(plain.state());
    for (const each of [plain, bounded]) {
      each.scrollTo(each.virtualizer.getTotalSize() - VIEWPORT);
      each.measure(sizes(1_980, 1_999));
      // A row near the end grows (an image arrives): the bottom stays pinned.
      each.measure(new Map([[1_995, 400]]));
    }
    expect(bounded.state()).toEqual(plain.state());
    expect(bounded.state().scrollTop).toBe(bounded.virtualizer.getTotalSize() - VIEWPORT);
  });

  it("keeps the bottom pinned when the end is reached only through rows measured since the last layout", () => {
    const plain = list(300, false);
    const bounded = list(300, true);
    for (const each of [plain, bounded]) {
      // The estimate puts the reader far from the end; the rows below, measured smaller, bring it within reach.
      each.scrollTo(each.virtualizer.getTotalSize() - VIEWPORT - 600);
      each.measure(sizes(280, 299, () => 0));
      each.measure(new Map([[299, 300]]));
    }
    expect(bounded.state()).toEqual(plain.state());
  });

  it("sizes forgotten elsewhere (measure()) are not taken for the last rebuild's: the bottom stays pinned", () => {
    const plain = list(100, false);
    const bounded = list(100, true);
    for (const each of [plain, bounded]) {
      each.measure(sizes(0, 99, () => 3));
      each.scrollTo(each.virtualizer.getTotalSize() - VIEWPORT - 1_000);
      each.virtualizer.measure();
      each.measure(new Map([[99, 40]]));
    }
    expect(bounded.state()).toEqual(plain.state());
  });

  it("measuring a page of rows above 10,000 does not walk every row once per row", () => {
    const plain = list(10_000, false);
    const bounded = list(10_000, true);
    const walked = (each: ReturnType<typeof list>) => {
      each.scrollTo(2_000);
      const before = each.keysAsked();
      each.measure(sizes(0, 59));
      return each.keysAsked() - before;
    };
    expect(walked(plain)).toBeGreaterThan(30 * 10_000);
    expect(walked(bounded)).toBeLessThan(3 * 10_000);
  });
});
