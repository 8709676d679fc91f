/** What a rep typed into a server-rendered control before its code ran (client components only). */
import { useLayoutEffect, useRef, type RefObject } from "react";

/**
 * A control the server renders is plain HTML until its code has run: what a rep types or picks in
 * it before then is in the page, not in state, and the next render would write the state back over
 * it. `takeOver` reads it from the element once, as the control goes live, before anything paints.
 */
export function useEarlyInput<T extends Element>(ref: RefObject<T | null>, takeOver: (element: T) => void): void {
  const takeOverOnce = useRef(takeOver);
  useLayoutEffect(() => {
    if (ref.current) takeOverOnce.current(ref.current);
  }, [ref]);
}
