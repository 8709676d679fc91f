/**
 * The keyboard cursor over the inbox is the focused row: j/k move focus, Enter follows the link,
 * focus-visible draws it. Rows are found by their data-testid, so no row keeps cursor state.
 */
const ROW_SELECTOR = '[data-testid="conversation-row"]';

export function isConversationRow(element: Element | null): element is HTMLAnchorElement {
  return element instanceof HTMLAnchorElement && element.matches(ROW_SELECTOR);
}

/**
 * Focuses the row `step` away from the focused one (or, with none focused, from the open one; with
 * neither, the first). Answers false when there is no row there (the end of what is loaded).
 */
export function moveCursor(list: HTMLElement, step: 1 | -1): boolean {
  const rows = Array.from(list.querySelectorAll<HTMLAnchorElement>(ROW_SELECTOR));
  if (rows.length === 0) return false;
  const active = document.activeElement;
  let from = isConversationRow(active) ? rows.indexOf(active) : rows.findIndex((row) => row.getAttribute("aria-current") === "page");
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
