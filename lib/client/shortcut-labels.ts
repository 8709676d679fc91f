/** The cheat sheet's words for each shortcut (shortcuts.ts binds the keys); loaded with the sheet, not the page. */
import { SHORTCUT_KEYS, type ShortcutId } from "./shortcuts";

const LABELS: Record<ShortcutId, string> = {
  next: "Next conversation",
  previous: "Previous conversation",
  open: "Open the selected conversation",
  back: "Back to the list",
  reply: "Reply: go to the message box",
  search: "Search",
  markUnread: "Mark as unread",
  help: "Show keyboard shortcuts",
};

/** Every shortcut, in the sheet's order, with its keys and words. */
export const SHORTCUTS = (Object.keys(LABELS) as ShortcutId[]).map((id) => ({ id, keys: SHORTCUT_KEYS[id] as readonly string[], label: LABELS[id] }));

/** How a key is written on the cheat sheet. */
export function keyCaption(key: string): string {
  if (key === "Escape") return "Esc";
  if (key === "U") return "Shift U";
  return key;
}
