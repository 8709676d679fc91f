/**
 * The desktop keyboard shortcuts: one table of keys that both the key handling and the cheat sheet
 * (`?`, with its words in shortcut-labels.ts, loaded with the sheet) read, so what the sheet says is
 * what the keys do. Habits reps know from Gmail and Superhuman.
 */
import { useEffect, useRef } from "react";

export const SHORTCUT_KEYS = {
  next: ["j"],
  previous: ["k"],
  open: ["Enter", "o"],
  back: ["Escape", "u"],
  reply: ["r"],
  search: ["/"],
  markUnread: ["U"],
  help: ["?"],
} as const satisfies Record<string, readonly string[]>;

export type ShortcutId = keyof typeof SHORTCUT_KEYS;

type KeyEventLike = Pick<KeyboardEvent, "key" | "shiftKey" | "ctrlKey" | "metaKey" | "altKey" | "isComposing"> & { target: EventTarget | null };

/** Where a key is text or belongs to a control: inputs, editable text; or anywhere while a dialog or popup (`data-owns-keys`) is open. */
function isOwnedByTarget(event: KeyEventLike): boolean {
  if (typeof Element === "undefined") return false;
  if (document.querySelector("dialog[open], [data-owns-keys]")) return true;
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
  for (const [id, keys] of Object.entries(SHORTCUT_KEYS)) if ((keys as readonly string[]).includes(key)) return id as ShortcutId;
  return null;
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
