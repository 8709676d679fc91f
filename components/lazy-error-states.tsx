import { Suspense, type ComponentProps } from "react";
import { lazyComponent } from "@/lib/client/lazy-code";
import type * as ErrorStates from "./error-states";

/*
 * The inbox's error states, whose code (and words) loads when the page is idle (preloadErrorStates)
 * rather than with its first scripts: most visits show none. Until it is in, nothing shows in its place.
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
    <Suspense fallback={null}>
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
