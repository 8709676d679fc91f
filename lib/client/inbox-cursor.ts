/**
 * The keyboard cursor over the inbox is the focused row: j/k move focus, Enter follows the link,
 * focus-visible draws it. Rows are found by their data-testid, so no row keeps cursor state; the
 * page remembers only the row last focused and its neighbours then, for when it is gone.
 */
const ROW_SELECTOR = '[data-testid="conversation-row"]';

export function isConversationRow(element: unknown): element is HTMLAnchorElement {
  return element instanceof HTMLAnchorElement && element.matches(ROW_SELECTOR);
}

const idOf = (row: HTMLElement | undefined) => row?.dataset.conversationId;
const rowsIn = (list: ParentNode) => Array.from(list.querySelectorAll<HTMLAnchorElement>(ROW_SELECTOR));

let last: { id?: string; before?: string; after?: string } = {};

/** A row took focus (a key, a click, a tab): the cursor is on it, between these two. */
export function noteCursor(row: EventTarget): void {
  if (!isConversationRow(row)) return;
  const rows = rowsIn(document);
  const at = rows.indexOf(row);
  last = { id: idOf(row), before: idOf(rows[at - 1]), after: idOf(rows[at + 1]) };
}

/** Focus lost with the cursor's row (read, it left Unread) goes to the row that took its place, as in a mail client. */
export function refocusAfterLostRow(list: HTMLElement): void {
  if (document.activeElement === document.body && last.id && !rowsIn(list).some((row) => idOf(row) === last.id)) moveCursor(list, 1);
}

/**
 * Focuses the row `step` away from the focused one (or, with none focused, from the open one; with
 * neither, from the one focused last, or if it is gone, either side of where it was; else the
 * first). Answers false when there is no row there (the end of what is loaded).
 */
export function moveCursor(list: HTMLElement, step: 1 | -1): boolean {
  const rows = rowsIn(list);
  if (rows.length === 0) return false;
  const active = document.activeElement;
  const indexOf = (id: string | undefined) => rows.findIndex((row) => idOf(row) === id);
  let from = isConversationRow(active) ? rows.indexOf(active) : rows.findIndex((row) => row.getAttribute("aria-current") === "page");
  if (from === -1) from = indexOf(last.id);
  // j goes on to the row that was after it, k to the one before.
  const neighbour = from === -1 ? indexOf(step === 1 ? last.after : last.before) : -1;
  if (neighbour !== -1) from = neighbour - step;
  if (from === -1) from = step === 1 ? -1 : rows.length;
  const target = rows[from + step];
  if (target === undefined) return false;
  target.focus();
  target.scrollIntoView({ block: "nearest" });
  return true;
}

/** The conversation the rep is pointing at: the focused row's. */
export function focusedConversationId(): string | null {
  const active = document.activeElement;
  return isConversationRow(active) ? (active.dataset.conversationId ?? null) : null;
}
