import { describe, expect, it } from "vitest";
import { createIdentityMemory } from "@/lib/server/providers/identity-memory";
import type { LinkupConversation } from "@/lib/server/providers/linkup/items";
import { conversationPage } from "@/lib/server/providers/linkup/pages";
import { continuePage, decodeCursor, type CursorState } from "@/lib/server/providers/page-cursor";

type Row = { id: string; time?: number };
const key = { idOf: (row: Row) => row.id, timeOf: (row: Row) => row.time };

/** Serves upstream pages one after another through continuePage, as an adapter does. */
function walk(pages: { rows: Row[]; next: string | null }[]): string[][] {
  let previous: CursorState | undefined;
  const served: string[][] = [];
  for (const page of pages) {
    const step = continuePage(page.rows, page.next, previous, key);
    served.push(step.items.map((row) => row.id));
    if (!step.next) break;
    previous = step.next;
  }
  return served;
}

describe("continuePage", () => {
  it("serves every row once across pages, a repeated one included", () => {
    const served = walk([
      { rows: [{ id: "a", time: 1_000 }, { id: "b", time: 900 }], next: "900" },
      { rows: [{ id: "b", time: 900 }, { id: "c", time: 800 }], next: "800" },
      { rows: [{ id: "d", time: 700 }], next: null },
    ]);
    expect(served).toEqual([["a", "b"], ["c"], ["d"]]);
  });

  it("a row without a time (no last message) does not hide the pages after it", () => {
    const served = walk([
      { rows: [{ id: "a", time: 1_000 }, { id: "b", time: 900 }, { id: "no-last" }], next: "p2" },
      { rows: [{ id: "c", time: 800 }, { id: "d", time: 700 }], next: "p3" },
      { rows: [{ id: "e", time: 600 }], next: null },
    ]);
    expect(served).toEqual([["a", "b", "no-last"], ["c", "d"], ["e"]]);
  });

  it("a provider repeating a page with a row without a time: served once, and the listing ends", () => {
    const page = { rows: [{ id: "a", time: 1_000 }, { id: "quiet" }], next: "c1" };
    const served = walk([page, page, page, page]);
    expect(served.flat()).toEqual(["a", "quiet"]);
    expect(served.length).toBeLessThan(4);
  });

  it("…and with more such rows than the cursor remembers, the listing still ends", () => {
    const page = { rows: [{ id: "a", time: 1_000 }, ...Array.from({ length: 20 }, (_, i) => ({ id: `quiet${i}` }))], next: "c1" };
    const served = walk(Array.from({ length: 10 }, () => page));
    expect(served.length).toBeLessThanOrEqual(2);
    expect(new Set(served.flat()).size).toBe(21);
  });

  it("a page of rows without times keeps the last known time for the next", () => {
    const served = walk([
      { rows: [{ id: "a", time: 1_000 }], next: "p2" },
      { rows: [{ id: "x" }, { id: "y" }], next: "p3" },
      { rows: [{ id: "a", time: 1_000 }, { id: "b", time: 900 }], next: null },
    ]);
    expect(served).toEqual([["a"], ["x", "y"], ["b"]]);
  });

  it("Linkup: a conversation without a last message does not hide the next page of the inbox", () => {
    const conversation = (id: string, time?: number): LinkupConversation => ({
      conversation_id: id,
      participant: { name: id, profile_url: `https://www.linkedin.com/in/${id}` },
      last_message: time === undefined ? null : { text: "Hi", time },
      unread: 0,
      type: "normal",
    });
    const identities = createIdentityMemory(undefined);
    const first = conversationPage([conversation("a", 1_000), conversation("b", 900), conversation("quiet")], "900", undefined, identities);
    expect(first.items.map((item) => item.id)).toEqual(["a", "b", "quiet"]);
    const second = conversationPage([conversation("c", 800), conversation("d", 700)], "700", decodeCursor(first.nextCursor ?? ""), identities);
    expect(second.items.map((item) => item.id)).toEqual(["c", "d"]);
  });
});
