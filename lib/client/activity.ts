/**
 * When the rep last touched the page, and last typed a reply: what makes the pace of checking for
 * new messages live, active or idle (poll-pace.ts). Browser only; one record per tab.
 */
const activity = { lastInteractionAt: Date.now(), lastTypedAt: 0 };

export function noteTyping(): void {
  activity.lastTypedAt = activity.lastInteractionAt = Date.now();
}

/** A touch, a key, a scroll: the rep is using the page. */
export function noteInteraction(): void {
  activity.lastInteractionAt = Date.now();
}

export function activitySnapshot(): Readonly<typeof activity> {
  return activity;
}

/**
 * What only the rep does: a scroll or a focus of our own (a new message scrolled into view, the cursor
 * moving on) is no touch, and the rep's own scrolls begin with one of these.
 */
const EVENTS = ["pointerdown", "keydown", "wheel", "touchstart"] as const;

/** Starts noting the rep's touches, keys, wheel and coming back to the tab (the window's own focus); returns how to stop. */
export function trackActivity(): () => void {
  for (const event of EVENTS) window.addEventListener(event, noteInteraction, { passive: true, capture: true });
  window.addEventListener("focus", noteInteraction);
  return () => {
    for (const event of EVENTS) window.removeEventListener(event, noteInteraction, { capture: true });
    window.removeEventListener("focus", noteInteraction);
  };
}
