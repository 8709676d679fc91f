/**
 * When the rep last touched the page, and last typed a reply: what makes the pace of checking for
 * new messages live, active or idle (poll-pace.ts). Browser only; one record per tab.
 */
import { ACTIVE_MS } from "./poll-pace";

const activity = { lastInteractionAt: Date.now(), lastTypedAt: 0 };

export function noteTyping(): void {
  activity.lastTypedAt = activity.lastInteractionAt = Date.now();
}

/** A touch, a key, a wheel: the rep is using the page. True when they come back to it from idle. */
export function noteInteraction(): boolean {
  const idle = Date.now() - activity.lastInteractionAt >= ACTIVE_MS;
  activity.lastInteractionAt = Date.now();
  return idle;
}

export function activitySnapshot(): Readonly<typeof activity> {
  return activity;
}

/**
 * What only the rep does: a scroll or a focus of our own (a new message scrolled into view, the cursor
 * moving on) is no touch, and the rep's own scrolls begin with one of these.
 */
const EVENTS = ["pointerdown", "keydown", "wheel"] as const;

/**
 * Starts noting the rep's touches, keys, wheel and coming back to the tab (the window's own focus);
 * returns how to stop. Back from idle, `onBack` runs: a tab shown again asks at once (TanStack's
 * focus), but a window in view all along, or one focused from another app, would wait for the idle
 * pace's next ask.
 */
export function trackActivity(onBack: () => void): () => void {
  const note = () => {
    if (noteInteraction()) onBack();
  };
  for (const event of EVENTS) window.addEventListener(event, note, { passive: true, capture: true });
  window.addEventListener("focus", note);
  return () => {
    for (const event of EVENTS) window.removeEventListener(event, note, { capture: true });
    window.removeEventListener("focus", note);
  };
}
