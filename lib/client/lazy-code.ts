/**
 * Code a page loads after its first scripts (client components only): what no first screen needs,
 * or only some pages' do (the people panel), so it is not in every page's first-load JavaScript.
 */
import { lazy, type ComponentType } from "react";

const FIRST_RETRY_MS = 3_000;
const LAST_RETRY_MS = 60_000;

/**
 * Loads once. A load that failed (the network dropped) is tried again until it succeeds, so
 * whatever waits for it waits, and never sees an error: after 3 s, then twice as long each time up
 * to a minute, and at once when the browser is back online.
 */
export function loadedOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  const attempt = (retryMs: number): Promise<T> => load().catch(() => pause(retryMs).then(() => attempt(Math.min(retryMs * 2, LAST_RETRY_MS))));
  return () => (loading ??= attempt(FIRST_RETRY_MS));
}

/** Waits `ms`, or until the browser is back online, whichever comes first. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      if (typeof window !== "undefined") window.removeEventListener("online", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    if (typeof window !== "undefined") window.addEventListener("online", done);
  });
}

/**
 * A component whose code loads when it first renders (it suspends until then: render it inside a
 * Suspense boundary), or before, by `preload`: as soon as a page knows it will render it, or when
 * the page is idle, for what a tap will open.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>) {
  const preload = loadedOnce(load);
  return { Component: lazy(() => preload().then((component) => ({ default: component }))), preload };
}
