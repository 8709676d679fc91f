/**
 * Remembers which thread the list opened in this tab while it was alone on screen, so that thread's
 * back button can go back in history (restoring the list as it was) instead of leaving the app (a
 * thread opened from a shared link) or landing on another thread (one opened beside a thread, or
 * reached by the browser's own back and forward buttons). Kept on the thread's history entry too,
 * so it survives a reload (a phone's pull to refresh): the entry before it is still the list.
 */
let openedFromList: string | null = null;

/** The history state's key: Next keeps other keys in a history entry's state as its own change it. */
const STATE_KEY = "threadlineOpenedFromList";

/** The list, with no thread beside it, opened this thread: the history entry before it is the list. */
export function markOpenedFromList(href: string): void {
  openedFromList = new URL(href, window.location.href).pathname;
}

/** Opened from beside another thread: back would land on that thread. */
export function forgetOpenedFromList(): void {
  openedFromList = null;
}

/** Whether the thread on screen is the one the list opened. */
export function wasOpenedFromList(): boolean {
  const path = window.location.pathname;
  return openedFromList === path || (window.history.state as Record<string, unknown> | null)?.[STATE_KEY] === path;
}

/** Writes the mark on the thread's own history entry, once the router has made that entry. */
export function keepOpenedFromListMark(): void {
  const state = (window.history.state as Record<string, unknown> | null) ?? {};
  if (openedFromList === window.location.pathname && state[STATE_KEY] !== openedFromList) {
    window.history.replaceState({ ...state, [STATE_KEY]: openedFromList }, "");
  }
}
