/**
 * The desktop keyboard shortcuts: one table that both the key handling and the cheat sheet (`?`)
 * read, so what the sheet says is what the keys do. Habits reps know from Gmail and Superhuman.
 */
import { useEffect, useRef } from "react";

export const SHORTCUTS = [
  { id: "next", keys: ["j"], label: "Next conversation" },
  { id: "previous", keys: ["k"], label: "Previous conversation" },
  { id: "open", keys: ["Enter", "o"], label: "Open the selected conversation" },
  { id: "back", keys: ["Escape", "u"], label: "Back to the list" },
  { id: "search", keys: ["/"], label: "Search" },
  { id: "markUnread", keys: ["U"], label: "Mark as unread" },
  { id: "help", keys: ["?"], label: "Show keyboard shortcuts" },
] as const satisfies readonly { id: string; keys: readonly string[]; label: string }[];

export type ShortcutId = (typeof SHORTCUTS)[number]["id"];

/** How a key is written on the cheat sheet. */
export function keyCaption(key: string): string {
  if (key === "Escape") return "Esc";
  if (key === "U") return "Shift U";
  return key;
}

type KeyEventLike = Pick<KeyboardEvent, "key" | "shiftKey" | "ctrlKey" | "metaKey" | "altKey" | "isComposing"> & { target: EventTarget | null };

/** Where a key is text or belongs to a control: inputs, editable text; or anywhere while a dialog or menu is open. */
function isOwnedByTarget(event: KeyEventLike): boolean {
  if (typeof Element === "undefined") return false;
  if (document.querySelector("dialog[open], [role=menu]")) return true;
  const target = event.target;
  if (!(target instanceof Element)) return false;
  if (target.closest("input, textarea, select") || (target instanceof HTMLElement && target.isContentEditable)) return true;
  // Enter on a link or a button already does what it says.
  return event.key === "Enter" && target.closest("a[href], button, summary") !== null;
}

/** A letter as the binding means it: Shift decides its case, not Caps Lock ("u" back, Shift+U unread). */
function keyOf(event: KeyEventLike): string {
  if (!/^[a-z]$/i.test(event.key)) return event.key;
  return event.shiftKey ? event.key.toUpperCase() : event.key.toLowerCase();
}

/**
 * The shortcut a key press means, or null. Never while typing, and never with Ctrl, Cmd or Alt held
 * (those belong to the browser); Shift is part of the key itself ("U", "?").
 */
export function shortcutFor(event: KeyEventLike): ShortcutId | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || isOwnedByTarget(event)) return null;
  const key = keyOf(event);
  return SHORTCUTS.find((shortcut) => (shortcut.keys as readonly string[]).includes(key))?.id ?? null;
}

/** A handler answers false when the key is not for it right now (the browser then keeps it). */
export type ShortcutHandlers = Partial<Record<ShortcutId, () => boolean | void>>;

/** Binds the given shortcuts while the component is mounted. Handlers may change every render. */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const id = shortcutFor(event);
      const handler = id === null ? undefined : latest.current[id];
      if (handler === undefined || handler() === false) return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
