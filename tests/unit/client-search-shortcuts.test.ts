import { describe, expect, it } from "vitest";
import type { Conversation } from "@/lib/contracts/api";
import { inboxHref, conversationHref } from "@/lib/client/routes";
import { MAX_SEARCH_LENGTH, matchesSearch, mergeSearchResults, normalizeSearchParam, searchTerms } from "@/lib/client/search";
import { SHORTCUTS } from "@/lib/client/shortcut-labels";
import { shortcutFor } from "@/lib/client/shortcuts";

const row: Conversation = {
  id: "c1",
  participant: { name: "José Ramírez", headline: "VP Sales at Acme Corp" },
  lastMessage: { text: "Happy to set up a demo next Tuesday", sentAt: 1, fromMe: false },
  unreadCount: 0,
  type: "normal",
};

describe("search over the loaded inbox", () => {
  it("matches every word anywhere in name, headline or last message, ignoring case and accents", () => {
    expect(matchesSearch(row, searchTerms("jose"))).toBe(true);
    expect(matchesSearch(row, searchTerms("ACME ramirez"))).toBe(true);
    expect(matchesSearch(row, searchTerms("demo tuesday"))).toBe(true);
    expect(matchesSearch(row, searchTerms("demo friday"))).toBe(false);
    expect(matchesSearch({ ...row, lastMessage: null }, searchTerms("demo"))).toBe(false);
  });

  it("turns a pasted tab or newline into a space (the API refuses control characters)", () => {
    expect(normalizeSearchParam("acme\tcorp\n")).toBe("acme corp ");
  });

  it("treats a blank query as no filter and bounds a long one", () => {
    expect(searchTerms("   ")).toEqual([]);
    expect(matchesSearch(row, [])).toBe(true);
    expect(normalizeSearchParam("  ")).toBe("");
    expect(normalizeSearchParam(null)).toBe("");
    expect(normalizeSearchParam("x".repeat(MAX_SEARCH_LENGTH + 50))).toHaveLength(MAX_SEARCH_LENGTH);
  });

  it("adds what the provider found to what the loaded inbox matched: each once, the loaded row kept, newest first", () => {
    const at = (id: string, sentAt: number, text = "x"): Conversation => ({ ...row, id, lastMessage: { text, sentAt, fromMe: false } });
    const loaded = [at("a", 30, "fresh"), at("b", 10)];
    const found = [at("a", 20, "stale"), at("c", 25), at("d", 5)];
    const merged = mergeSearchResults(loaded, found);
    expect(merged.map((c) => c.id)).toEqual(["a", "c", "b", "d"]);
    expect(merged[0]!.lastMessage?.text).toBe("fresh");
    expect(mergeSearchResults(loaded, [])).toEqual(loaded);
  });

  it("carries the query in links, encoded", () => {
    expect(inboxHref("acc 1", "UNREAD", "a&b c")).toBe("/a/acc%201/unread?q=a%26b+c");
    expect(conversationHref("acc", "INBOX", "id/1", "x")).toBe("/a/acc/inbox/c/id%2F1?q=x");
    expect(inboxHref("acc", "INBOX", "")).toBe("/a/acc/inbox");
  });
});

describe("keyboard shortcuts", () => {
  const press = (key: string, extra: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean; isComposing: boolean }> = {}) =>
    shortcutFor({ key, shiftKey: /^[A-Z?]$/.test(key), ctrlKey: false, metaKey: false, altKey: false, isComposing: false, target: null, ...extra });

  it("maps each key of the table to its shortcut, and nothing else", () => {
    for (const shortcut of SHORTCUTS) for (const key of shortcut.keys) expect(press(key)).toBe(shortcut.id);
    expect(press("J")).toBeNull();
    // Caps Lock on: the letter arrives upper-case without Shift, and still means the plain key.
    expect(press("U", { shiftKey: false })).toBe("back");
    expect(press("J", { shiftKey: false })).toBe("next");
    expect(press("u", { shiftKey: true })).toBe("markUnread");
    expect(press("x")).toBeNull();
    expect(new Set(SHORTCUTS.flatMap((s) => s.keys)).size).toBe(SHORTCUTS.flatMap((s) => s.keys).length);
  });

  it("leaves keys with Ctrl, Cmd or Alt held, and mid-composition, to the browser", () => {
    expect(press("j", { ctrlKey: true })).toBeNull();
    expect(press("j", { metaKey: true })).toBeNull();
    expect(press("j", { altKey: true })).toBeNull();
    expect(press("j", { isComposing: true })).toBeNull();
  });
});
