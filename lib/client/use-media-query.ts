import { useCallback, useSyncExternalStore } from "react";

/** Whether a media query matches (false on the server and during hydration). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Tailwind's `lg` breakpoint: list and thread side by side. */
export function useIsDesktop(): boolean {
  return useMediaQuery("(min-width: 1024px)");
}
