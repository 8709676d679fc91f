/**
 * TanStack Virtual, loaded after the page's first JavaScript (client components only). The inbox's
 * virtualizer (useLazyVirtualizer) is null until it arrives (and on the server), and the list renders
 * the rows its first screen needs by itself; then the virtualizer takes over the same rows. A
 * thread's live view waits for it (useVirtualLibrary), its server-rendered preview shown meanwhile.
 */
import type * as ReactVirtual from "@tanstack/react-virtual";
import type { Virtualizer, VirtualizerOptions } from "@tanstack/react-virtual";
import { useLayoutEffect, useMemo, useReducer, useSyncExternalStore } from "react";
import { flushSync } from "react-dom";
import { loadedOnce } from "./lazy-code";

export type VirtualLibrary = typeof ReactVirtual;
export type LazyVirtualizerOptions<TItem extends Element> = Omit<VirtualizerOptions<HTMLDivElement, TItem>, "onChange">;

let library: VirtualLibrary | null = null;
const loadLibrary = loadedOnce(() => import("@tanstack/react-virtual").then((loaded) => (library = loaded)));
// Asked for as this module runs, before the page hydrates: the two go on side by side.
if (typeof window !== "undefined") void loadLibrary();

function subscribe(notify: () => void): () => void {
  let waiting = true;
  void loadLibrary().then(() => {
    if (waiting) notify();
  });
  return () => {
    waiting = false;
  };
}

/** The library once loaded; null on the server and while hydrating, so both render the same rows. */
export function useVirtualLibrary(): VirtualLibrary | null {
  return useSyncExternalStore(
    subscribe,
    () => library,
    () => null,
  );
}

/**
 * What `useVirtualizer` of @tanstack/react-virtual does, for a library that arrives later: one
 * virtualizer per mounted list, re-rendering it on change (synchronously, except while it measures
 * a row from a ref callback, where React cannot flush). `options` is called with the library, so a
 * list can build on the library's own observers.
 */
export function useLazyVirtualizer<TItem extends Element>(
  options: (library: VirtualLibrary) => LazyVirtualizerOptions<TItem>,
): Virtualizer<HTMLDivElement, TItem> | null {
  const loaded = useVirtualLibrary();
  const rerender = useReducer((n: number) => n + 1, 0)[1];
  // Made once, when the library is there; every render hands it that render's options (as
  // useVirtualizer does), so the first ones need not be a dependency.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const made = useMemo(() => (loaded ? makeVirtualizer(loaded, options(loaded), rerender) : null), [loaded]);
  if (made && loaded) made.virtualizer.setOptions({ ...options(loaded), onChange: made.onChange });
  const virtualizer = made?.virtualizer ?? null;

  useLayoutEffect(() => virtualizer?._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer?._willUpdate());
  return virtualizer;
}

function makeVirtualizer<TItem extends Element>(library: VirtualLibrary, options: LazyVirtualizerOptions<TItem>, rerender: () => void) {
  let measuringFromRef = false;
  const onChange = (_instance: Virtualizer<HTMLDivElement, TItem>, sync: boolean) => {
    if (sync && !measuringFromRef) flushSync(rerender);
    else rerender();
  };
  const virtualizer = new library.Virtualizer<HTMLDivElement, TItem>({ ...options, onChange });
  const measureElement = virtualizer.measureElement;
  virtualizer.measureElement = (node) => {
    measuringFromRef = true;
    try {
      measureElement(node);
    } finally {
      measuringFromRef = false;
    }
  };
  return { virtualizer, onChange };
}
