/**
 * The keyboard cursor over the inbox is the focused row: j/k move focus, Enter follows the link,
 * focus-visible draws it. Rows are found by their data-testid, so no row keeps cursor state; the
 * page remembers only the conversation the cursor was last on.
 */
const ROW_SELECTOR = '[data-testid="conversation-row"]';

export function isConversationRow(element: unknown): element is HTMLAnchorElement {
  return element instanceof HTMLAnchorElement && element.matches(ROW_SELECTOR);
}

const idOf = (row: HTMLElement | undefined) => row?.dataset.conversationId;
const rowsIn = (list: ParentNode) => Array.from(list.querySelectorAll<HTMLAnchorElement>(ROW_SELECTOR));

/** The conversation the cursor was last on (or, once that one has left the list, the one after it). */
let last: string | undefined;
const SEEN = 1;
const UNSEEN = 2;
/**
 * Set when the conversation the cursor was on left the list and `last` moved on to the one after it:
 * SEEN where a focus ring shows the cursor there, UNSEEN where not (it was opened by a click).
 */
let advanced: 0 | typeof SEEN | typeof UNSEEN = 0;

/** A row, or something of its own (its ⋯ button), took focus (a key, a click, a tab): the cursor is on that row. */
export function noteCursor(target: EventTarget): void {
  const row = isConversationRow(target) ? target : target instanceof Element ? target.closest("li")?.querySelector<HTMLAnchorElement>(ROW_SELECTOR) : undefined;
  if (row) {
    last = idOf(row);
    advanced = 0;
  }
}

/**
 * The list's conversations went from `was` to `is`: if the cursor's left (read, it left Unread), the
 * cursor goes on to the one after it, and so does focus lost with its row, as in a mail client.
 */
export function noteListChange(list: HTMLElement, was: readonly string[], is: readonly string[], hidden: boolean): void {
  const at = last && !is.includes(last) ? was.indexOf(last) : -1;
  if (at === -1) return;
  const kept = (id: string) => is.includes(id);
  last = was.slice(at + 1).find(kept) ?? was.slice(0, at).findLast(kept);
  if (!hidden) refocus(list, last);
  const active = document.activeElement;
  advanced = isConversationRow(active) && idOf(active) === last && active.matches(":focus-visible") ? SEEN : UNSEEN;
}

/** Focus that went away with what held it (a row, a thread) goes to this conversation's row, or where the cursor went (it left the list). */
export function refocus(list: HTMLElement, id: string | undefined): void {
  const rows = rowsIn(list);
  if (document.activeElement === document.body) (rows.find((row) => idOf(row) === id) ?? rows.find((row) => idOf(row) === last))?.focus();
}

/**
 * Focuses the row `step` away from the focused one (or, with none focused, from the open one; with
 * neither, from the one the cursor was last on; else the first). Answers false when there is no row
 * there (the end of what is loaded).
 */
export function moveCursor(list: HTMLElement, step: 1 | -1): boolean {
  const rows = rowsIn(list);
  const wasAdvanced = advanced;
  advanced = 0;
  if (rows.length === 0) return false;
  const active = document.activeElement;
  const onRow = isConversationRow(active);
  let from = onRow ? rows.indexOf(active) : rows.findIndex((row) => row.getAttribute("aria-current") === "page");
  if (from === -1) from = rows.findIndex((row) => idOf(row) === last);
  if (from === -1) from = step === 1 ? -1 : rows.length;
  // The one the rep was reading left the list: "next" is the one the cursor moved on to, unless
  // the rep watched it move there (a focus ring) and goes on from it.
  else if (step === 1 && wasAdvanced && idOf(rows[from]) === last && (wasAdvanced === UNSEEN || !onRow)) from--;
  const target = rows[from + step];
  if (target === undefined) return false;
  target.focus();
  target.scrollIntoView({ block: "nearest" });
  return true;
}

/** Gives focus back to the list: the row the cursor was last on, else the first. False when no row is rendered. */
export function focusCursorRow(): boolean {
  const rows = rowsIn(document);
  const row = rows.find((candidate) => idOf(candidate) === last) ?? rows[0];
  row?.focus();
  return row !== undefined;
}

/** Whether the cursor is where it is only because the conversation it was on left the list (the rep did not move it). */
export function cursorWentOnByItself(): boolean {
  return advanced !== 0;
}

/** The conversation the rep is pointing at: the focused row's. */
export function focusedConversationId(): string | null {
  const active = document.activeElement;
  return isConversationRow(active) ? (idOf(active) ?? null) : null;
}
