/**
 * Remembers whether the open thread was reached from the list in this tab, so the thread's back
 * button can go back in history (restoring the list as it was) instead of leaving the app when
 * the thread was opened from a shared link.
 */
let openedFromList = false;

export function markOpenedFromList(): void {
  openedFromList = true;
}

export function wasOpenedFromList(): boolean {
  return openedFromList;
}
