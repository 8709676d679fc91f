/**
 * Remembers which thread the list opened in this tab while it was alone on screen, so that thread's
 * back button can go back in history (restoring the list as it was) instead of leaving the app (a
 * thread opened from a shared link) or landing on another thread (one opened beside a thread, or
 * reached by the browser's own back and forward buttons).
 */
let openedFromList: string | null = null;

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
  return openedFromList !== null && openedFromList === window.location.pathname;
}
