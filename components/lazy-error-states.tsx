import { Suspense, type ComponentProps } from "react";
import { lazyComponent } from "@/lib/client/lazy-code";
import type * as ErrorStates from "./error-states";

/*
 * The inbox's error states, whose code (and words) loads when the page is idle (preloadErrorStates)
 * rather than with its first scripts: most visits show none. Until it is in, an error says only that
 * something could not load; a stale banner shows nothing.
 */
const load = () => import("./error-states");
const errorState = lazyComponent(() => load().then((m) => m.ErrorState));
const staleBanner = lazyComponent(() => load().then((m) => m.StaleBanner));

export function preloadErrorStates(): void {
  void errorState.preload();
  void staleBanner.preload();
}

export function ErrorState(props: ComponentProps<typeof ErrorStates.ErrorState>) {
  return (
    // Said at once, and for as long as the code cannot load (the network failing the page too).
    <Suspense fallback={<p role="alert" className="p-6">Couldn&apos;t load.</p>}>
      <errorState.Component {...props} />
    </Suspense>
  );
}

export function StaleBanner(props: ComponentProps<typeof ErrorStates.StaleBanner>) {
  return (
    <Suspense fallback={null}>
      <staleBanner.Component {...props} />
    </Suspense>
  );
}
