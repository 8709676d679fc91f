import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Conversation, ConversationsPage } from "@/lib/contracts/api";
import { flattenConversations, mergeInboxFirstPage, type ConversationPages } from "@/lib/client/merge-inbox";

function conv(id: string, text = `hi from ${id}`): Conversation {
  return {
    id,
    participant: { name: `Person ${id}` },
    lastMessage: { text, sentAt: 1, fromMe: false },
    unreadCount: 0,
    type: "normal",
  };
}

function page(idsList: string[], nextCursor: string | null): ConversationsPage {
  return { conversations: idsList.map((id) => conv(id)), nextCursor };
}

function loaded(...groups: [string[], string | null][]): ConversationPages {
  return {
    pages: groups.map(([list, next]) => page(list, next)),
    pageParams: groups.map((_, i) => (i === 0 ? null : `cursor-${i}`)),
  };
}

const ids = (list: Conversation[]) => list.map((c) => c.id);

describe("mergeInboxFirstPage", () => {
  it("returns undefined when nothing is loaded", () => {
    expect(mergeInboxFirstPage(undefined, page(["a"], null))).toBeUndefined();
  });

  it("puts a newcomer first and keeps the item it pushed off page 1", () => {
    const data = loaded([["a", "b", "c"], "cursor-1"], [["d", "e", "f"], null]);
    const merged = mergeInboxFirstPage(data, page(["n", "a", "b"], "other-cursor"))!;
    expect(ids(merged.pages[0]!.conversations)).toEqual(["n", "a", "b", "c"]);
    expect(ids(flattenConversations(merged))).toEqual(["n", "a", "b", "c", "d", "e", "f"]);
  });

  it("moves a conversation from a later page to the top without duplicating it", () => {
    const data = loaded([["a", "b", "c"], "cursor-1"], [["d", "e", "f"], "cursor-2"], [["g"], null]);
    const merged = mergeInboxFirstPage(data, page(["e", "a", "b"], "x"))!;
    expect(ids(merged.pages[0]!.conversations)).toEqual(["e", "a", "b", "c"]);
    expect(ids(merged.pages[1]!.conversations)).toEqual(["d", "f"]);
    expect(merged.pages[2]).toBe(data.pages[2]);
  });

  it("takes the fresh data for conversations on page 1", () => {
    const data = loaded([["a", "b"], null]);
    const fresh: ConversationsPage = { conversations: [conv("b", "new text"), conv("a")], nextCursor: null };
    const merged = mergeInboxFirstPage(data, fresh)!;
    expect(merged.pages[0]!.conversations.map((c) => c.lastMessage?.text)).toEqual(["new text", "hi from a"]);
  });

  it("never touches cursors", () => {
    const data = loaded([["a", "b"], "cursor-1"], [["c"], "cursor-2"]);
    const merged = mergeInboxFirstPage(data, page(["z"], "fresh-cursor"))!;
    expect(merged.pageParams).toBe(data.pageParams);
    expect(merged.pages.map((p) => p.nextCursor)).toEqual(["cursor-1", "cursor-2"]);
  });

  it("ignores duplicates inside the fresh page itself", () => {
    const data = loaded([["a"], null]);
    const merged = mergeInboxFirstPage(data, page(["b", "b", "a"], null))!;
    expect(ids(flattenConversations(merged))).toEqual(["b", "a"]);
  });

  it("flattens overlapping pages once each", () => {
    expect(ids(flattenConversations(loaded([["a", "b"], "c"], [["b", "c"], null])))).toEqual(["a", "b", "c"]);
  });
});

describe("mergeInboxFirstPage — property", () => {
  it("fresh items first, then every previous item once in previous order; cursors untouched", () => {
    const idArb = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789".split(""));
    fc.assert(
      fc.property(
        fc.array(fc.array(idArb, { maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        fc.array(idArb, { maxLength: 8 }),
        fc.array(fc.array(idArb, { maxLength: 8 }), { maxLength: 4 }),
        (groups, freshIds, laterFresh) => {
          let data: ConversationPages = {
            pages: groups.map((g, i) => page(g, i < groups.length - 1 ? `cursor-${i + 1}` : null)),
            pageParams: groups.map((_, i) => (i === 0 ? null : `cursor-${i}`)),
          };
          const before = ids(flattenConversations(data));
          const merged = mergeInboxFirstPage(data, page(freshIds, "ignored"))!;
          const freshUnique = [...new Set(freshIds)];
          const expected = [...freshUnique, ...before.filter((id) => !freshUnique.includes(id))];
          expect(ids(flattenConversations(merged))).toEqual(expected);
          // No conversation appears twice across the raw pages.
          const raw = merged.pages.flatMap((p) => ids(p.conversations));
          expect(raw).toEqual(expected);
          // Pages and cursors untouched.
          expect(merged.pageParams).toBe(data.pageParams);
          expect(merged.pages.map((p) => p.nextCursor)).toEqual(data.pages.map((p) => p.nextCursor));
          // Repeated polls keep the invariants and never lose anything seen before.
          data = merged;
          const seen = new Set(expected);
          for (const f of laterFresh) {
            data = mergeInboxFirstPage(data, page(f, null))!;
            for (const id of f) seen.add(id);
            const flat = ids(flattenConversations(data));
            expect(new Set(flat)).toEqual(seen);
            expect(flat.length).toBe(seen.size);
            expect(flat.slice(0, new Set(f).size)).toEqual([...new Set(f)]);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
