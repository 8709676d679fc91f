/**
 * Code a page loads after its first scripts (client components only): what no first screen needs,
 * so it is not in the page's first-load JavaScript.
 */
import { lazy, type ComponentType } from "react";

const RETRY_MS = 3_000;

/**
 * Loads once. A load that failed (the network dropped) is tried again every few seconds until it
 * succeeds, so whatever waits for it waits, and never sees an error.
 */
export function loadedOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  const attempt = (): Promise<T> => load().catch(() => new Promise<void>((resolve) => setTimeout(resolve, RETRY_MS)).then(attempt));
  return () => (loading ??= attempt());
}

/**
 * A component whose code loads when it first renders (it suspends until then: render it inside a
 * Suspense boundary), or before, by `preload` (when the page is idle, for what a tap will open).
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>) {
  const preload = loadedOnce(load);
  return { Component: lazy(() => preload().then((component) => ({ default: component }))), preload };
}
