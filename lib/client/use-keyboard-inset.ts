/**
 * How much of the layout an on-screen keyboard covers, as the CSS variable --keyboard-inset on an
 * element (client components only). Chrome on Android resizes the layout itself (the viewport's
 * interactive-widget=resizes-content): there it stays 0. iOS Safari keeps the layout and shrinks only
 * the visual viewport: the difference is the keyboard, and padding by it keeps the composer above.
 */
import { useEffect, type RefObject } from "react";

export type VisualViewportBox = { height: number; offsetTop: number; scale: number };

/** The layout's pixels below the visible area's bottom edge; 0 while the rep is pinch-zoomed (that is not a keyboard). */
export function keyboardInset(layoutHeight: number, viewport: VisualViewportBox): number {
  if (Math.abs(viewport.scale - 1) > 0.01) return 0;
  return Math.max(0, Math.round(layoutHeight - viewport.height - viewport.offsetTop));
}

export function useKeyboardInset(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = ref.current;
    const viewport = window.visualViewport;
    if (!element || !viewport) return;
    const update = () => element.style.setProperty("--keyboard-inset", `${keyboardInset(window.innerHeight, viewport)}px`);
    update();
    viewport.addEventListener("resize", update);
    viewport.addEventListener("scroll", update);
    return () => {
      viewport.removeEventListener("resize", update);
      viewport.removeEventListener("scroll", update);
      element.style.removeProperty("--keyboard-inset");
    };
  }, [ref]);
}
