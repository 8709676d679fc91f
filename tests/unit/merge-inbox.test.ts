import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Conversation, ConversationsPage } from "@/lib/contracts/api";
import { flattenConversations, inboxFromFirstPage, mergeInboxFirstPage, withReturnedRow, withSentReply, type ConversationPages } from "@/lib/client/merge-inbox";

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

  it("keeps the list as it is for an answer read before it, and takes a newer answer's read time", () => {
    const data: ConversationPages = { pages: [{ ...page(["a", "b"], null), meta: { checkedAt: 2_000 } }], pageParams: [null] };
    const older: ConversationsPage = { ...page(["b"], "more"), meta: { checkedAt: 1_999 } };
    expect(mergeInboxFirstPage(data, older)).toBe(data);
    const newer: ConversationsPage = { ...page(["b"], "more"), meta: { checkedAt: 2_001 } };
    const merged = mergeInboxFirstPage(data, newer)!;
    expect(ids(merged.pages[0]!.conversations)).toEqual(["b", "a"]);
    expect(merged.pages[0]!.meta?.checkedAt).toBe(2_001);
    // Without a read time on either side, nothing can be told: the answer is merged.
    expect(ids(mergeInboxFirstPage(loaded([["a"], null]), older)!.pages[0]!.conversations)).toEqual(["b", "a"]);
    expect(ids(mergeInboxFirstPage(data, page(["b"], "more"))!.pages[0]!.conversations)).toEqual(["b", "a"]);
  });

  it("an answer that is the whole category (no next cursor) is the list of one page: a row that left it (read or unstarred on LinkedIn) goes", () => {
    const data = loaded([["a", "b", "c"], null]);
    const merged = mergeInboxFirstPage(data, page(["a", "c"], null))!;
    expect(ids(flattenConversations(merged))).toEqual(["a", "c"]);
    expect(merged.pages[0]!.nextCursor).toBeNull();
    expect(merged.pageParams).toBe(data.pageParams);
    // Rows a "load more" brought stay: that page may be newer than the answer.
    const twoPages = loaded([["a", "b"], "cursor-1"], [["c"], null]);
    expect(ids(flattenConversations(mergeInboxFirstPage(twoPages, page(["a"], null))))).toEqual(["a", "b", "c"]);
    // An answer older than the list changes nothing.
    const timed: ConversationPages = { pages: [{ ...page(["a", "b"], null), meta: { checkedAt: 2_000 } }], pageParams: [null] };
    expect(mergeInboxFirstPage(timed, { ...page(["a"], null), meta: { checkedAt: 1_000 } })).toBe(timed);
  });

  it("inboxFromFirstPage: the list starts again from the fresh page, its cursor going on from there", () => {
    const data = loaded([["a", "b"], "cursor-1"], [["c", "d"], "cursor-2"]);
    const fresh = inboxFromFirstPage(data, page(["x", "y", "a"], "fresh-cursor"))!;
    expect(ids(flattenConversations(fresh))).toEqual(["x", "y", "a"]);
    expect(fresh.pages.map((p) => p.nextCursor)).toEqual(["fresh-cursor"]);
    expect(fresh.pageParams).toEqual([null]);
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
            data = mergeInboxFirstPage(data, page(f, "more"))!;
            for (const id of f) seen.add(id);
            const flat = ids(flattenConversations(data));
            expect(new Set(flat)).toEqual(seen);
            expect(flat.length).toBe(seen.size);
            expect(flat.slice(0, new Set(f).size)).toEqual([...new Set(f)]);
          }
        },
      ),
      { numRuns: 1_500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Property: a simulated provider inbox where conversations jump to the top as messages arrive and
// new ones appear, read by "load more" pages (offset cursors that shift under the reader, or time
// cursors) and by head polls whose answers may land after a later page has been appended.

type InboxOp =
  | { kind: "bump"; pick: number }
  | { kind: "newConversation" }
  | { kind: "loadMore" }
  | { kind: "loadMoreAgain" }
  | { kind: "headStart" }
  | { kind: "headDeliver" };

const inboxOpArb: fc.Arbitrary<InboxOp> = fc.oneof(
  fc.record({ kind: fc.constant("bump" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("newConversation" as const) }),
  fc.record({ kind: fc.constant("loadMore" as const) }),
  // The same page arrives twice (a retried request, a cursor that did not move).
  fc.record({ kind: fc.constant("loadMoreAgain" as const) }),
  fc.record({ kind: fc.constant("headStart" as const) }),
  fc.record({ kind: fc.constant("headDeliver" as const) }),
);

class FakeInbox {
  /** Most recent first; each with the time of its last message. */
  private items: { id: string; time: number; version: number }[] = [];
  private clock = 0;
  private serial = 0;
  constructor(
    initial: number,
    private readonly pageSize: number,
    private readonly offsetCursors: boolean,
  ) {
    for (let i = 0; i < initial; i++) this.newConversation();
  }
  newConversation() {
    this.items.unshift({ id: `c${this.serial++}`, time: ++this.clock, version: 0 });
  }
  bump(pick: number) {
    const [item] = this.items.splice(pick % Math.max(1, this.items.length), 1);
    if (item) this.items.unshift({ ...item, time: ++this.clock, version: item.version + 1 });
  }
  page(cursor: string | null): ConversationsPage {
    const start = cursor === null ? 0 : this.offsetCursors ? Number(cursor) : this.items.findIndex((c) => c.time < Number(cursor));
    const from = start < 0 ? this.items.length : start;
    const slice = this.items.slice(from, from + this.pageSize);
    const last = slice[slice.length - 1];
    const more = from + this.pageSize < this.items.length && last !== undefined;
    return {
      conversations: slice.map((c) => conv(c.id, `${c.id} v${c.version}`)),
      nextCursor: more ? (this.offsetCursors ? String(from + this.pageSize) : String(last.time)) : null,
    };
  }
}

describe("mergeInboxFirstPage — simulated provider", () => {
  it("never doubles or drops a conversation, and the list always starts with the latest head poll", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 2, max: 6 }),
        fc.boolean(),
        fc.array(inboxOpArb, { maxLength: 40 }),
        (initial, pageSize, offsetCursors, ops) => {
          const server = new FakeInbox(initial, pageSize, offsetCursors);
          const first = server.page(null);
          let data: ConversationPages = { pages: [first], pageParams: [null] };
          const received = new Set(ids(first.conversations));
          let pendingHead: ConversationsPage | undefined;

          const checkNoDoubles = () => {
            const flat = ids(flattenConversations(data));
            expect(flat.length).toBe(new Set(flat).size);
            expect(new Set(flat)).toEqual(received);
          };
          const deliverHead = (fresh: ConversationsPage) => {
            const before = data;
            data = mergeInboxFirstPage(data, fresh)!;
            for (const id of ids(fresh.conversations)) received.add(id);
            // The merge normalises the raw pages and leaves pages and cursors as they were.
            const raw = data.pages.flatMap((p) => ids(p.conversations));
            expect(raw.length).toBe(new Set(raw).size);
            expect(data.pageParams).toBe(before.pageParams);
            // (A whole-category answer on a list of one page is the list, its end included.)
            const whole = fresh.nextCursor === null && before.pages.length === 1;
            expect(data.pages.map((p) => p.nextCursor)).toEqual(whole ? [null] : before.pages.map((p) => p.nextCursor));
            expect(data.pages[0]!.conversations.slice(0, fresh.conversations.length)).toEqual(fresh.conversations);
          };

          for (const op of ops) {
            switch (op.kind) {
              case "bump":
                server.bump(op.pick);
                break;
              case "newConversation":
                server.newConversation();
                break;
              case "loadMore":
              case "loadMoreAgain": {
                // What fetchNextPage does: append the answer as is (the merge runs only on polls).
                const lastIndex = data.pages.length - 1;
                const cursor = op.kind === "loadMore" ? data.pages[lastIndex]!.nextCursor : data.pageParams[lastIndex];
                if (cursor === null || cursor === undefined) break;
                const next = server.page(cursor as string);
                data = { pages: [...data.pages, next], pageParams: [...data.pageParams, cursor] };
                for (const id of ids(next.conversations)) received.add(id);
                break;
              }
              case "headStart":
                pendingHead = server.page(null);
                break;
              case "headDeliver":
                if (pendingHead) deliverHead(pendingHead);
                pendingHead = undefined;
                break;
            }
            checkNoDoubles();
          }
          // A last poll: the list starts exactly with the provider's current first page.
          const latest = server.page(null);
          deliverHead(latest);
          checkNoDoubles();
          expect(ids(flattenConversations(data)).slice(0, latest.conversations.length)).toEqual(ids(latest.conversations));
        },
      ),
      { numRuns: 1_500 },
    );
  });
});

describe("withSentReply", () => {
  const reply = { text: "Thanks, see you Tuesday", sentAt: 99 };

  it("moves the conversation to the top of page 1 with the reply as a preview of the rep's", () => {
    const data = loaded([["a", "b", "c"], "cursor-1"], [["d", "e"], null]);
    const updated = withSentReply(data, "e", reply)!;
    expect(ids(flattenConversations(updated))).toEqual(["e", "a", "b", "c", "d"]);
    expect(updated.pages[0]!.conversations[0]!.lastMessage).toEqual({ text: reply.text, sentAt: 99, fromMe: true });
    expect(updated.pages.map((p) => p.nextCursor)).toEqual(["cursor-1", null]);
    expect(updated.pageParams).toBe(data.pageParams);
  });

  it("keeps everything else as it was", () => {
    const data = loaded([["a", "b"], "cursor-1"], [["c"], null]);
    const updated = withSentReply(data, "b", reply)!;
    expect(ids(updated.pages[0]!.conversations)).toEqual(["b", "a"]);
    expect(updated.pages[0]!.conversations[1]).toBe(data.pages[0]!.conversations[0]);
    expect(updated.pages[1]).toBe(data.pages[1]);
    expect(updated.pages[0]!.conversations[0]).toMatchObject({ participant: { name: "Person b" }, unreadCount: 0, type: "normal" });
  });

  it("leaves a category that does not hold the conversation alone (the same object)", () => {
    const data = loaded([["a", "b"], null]);
    expect(withSentReply(data, "z", reply)).toBe(data);
    expect(withSentReply(undefined, "a", reply)).toBeUndefined();
  });
});

describe("withReturnedRow", () => {
  const at = (c: Conversation, sentAt: number): Conversation => ({ ...c, lastMessage: { text: c.id, sentAt, fromMe: false } });
  const timed = (): ConversationPages => {
    const data = loaded([["a", "b", "c"], "cursor-1"], [["d"], null]);
    const times: Record<string, number> = { a: 40, b: 30, c: 20, d: 10 };
    return { ...data, pages: data.pages.map((p) => ({ ...p, conversations: p.conversations.map((c) => at(c, times[c.id] ?? 0)) })) };
  };

  it("puts the row back on page 1 before the first older last message, or after them all; cursors untouched", () => {
    const data = timed();
    const between = withReturnedRow(data, at(conv("x"), 25))!;
    expect(ids(flattenConversations(between))).toEqual(["a", "b", "x", "c", "d"]);
    expect(between.pages[1]).toBe(data.pages[1]);
    expect(between.pageParams).toBe(data.pageParams);
    expect(ids(flattenConversations(withReturnedRow(data, at(conv("y"), 5))))).toEqual(["a", "b", "c", "y", "d"]);
  });

  it("changes nothing where the row is loaded already (the same object)", () => {
    const data = timed();
    expect(withReturnedRow(data, at(conv("d"), 50))).toBe(data);
    expect(withReturnedRow(undefined, conv("x"))).toBeUndefined();
  });
});
