import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Conversation } from "@/lib/contracts/api";
import { openDatabase } from "@/lib/server/db";
import type { Database } from "@/lib/server/db/database";
import { withUnreadCount } from "@/lib/client/merge-inbox";
import { applyReadMarks } from "@/lib/contracts/read-marks";
import { createMemoryReadMarkStore, createReadMarkStore, type ReadMark, type ReadMarkStore } from "@/lib/server/read-state/store";

function row(id: string, unreadCount: number, lastAt: number | null, fromMe: boolean | null = false): Conversation {
  return { id, participant: { name: id }, lastMessage: lastAt === null ? null : { text: `last of ${id}`, sentAt: lastAt, fromMe }, unreadCount, type: "normal" };
}
const marks = (entries: Record<string, number | null>) => new Map<string, ReadMark>(Object.entries(entries).map(([id, readThrough]) => [id, { readThrough }]));

describe("a rep's read marks over the provider's rows", () => {
  it("clears the count of a conversation read through its last message, and drops it from Unread", () => {
    const rows = [row("a", 14, 1_000), row("b", 2, 2_000), row("c", 0, 3_000)];
    const seen = applyReadMarks(rows, marks({ a: 1_000 }), "INBOX");
    expect(seen.map((c) => [c.id, c.unreadCount])).toEqual([["a", 0], ["b", 2], ["c", 0]]);
    expect(applyReadMarks(rows, marks({ a: 1_000 }), "UNREAD").map((c) => c.id)).toEqual(["b"]);
  });

  it("counts it unread again when a newer message from the other side arrives, not for the rep's own reply", () => {
    expect(applyReadMarks([row("a", 0, 1_500)], marks({ a: 1_000 }), "INBOX")[0]!.unreadCount).toBe(1);
    expect(applyReadMarks([row("a", 3, 1_500)], marks({ a: 1_000 }), "INBOX")[0]!.unreadCount).toBe(3);
    expect(applyReadMarks([row("a", 0, 1_500, true)], marks({ a: 1_000 }), "INBOX")[0]!.unreadCount).toBe(0);
  });

  it("shows one the rep marked unread as unread, whatever the provider says", () => {
    expect(applyReadMarks([row("a", 0, 1_000)], marks({ a: null }), "INBOX")[0]!.unreadCount).toBe(1);
    expect(applyReadMarks([row("a", 4, 1_000)], marks({ a: null }), "INBOX")[0]!.unreadCount).toBe(4);
  });

  it("leaves rows without a mark exactly as the provider sent them", () => {
    const rows = [row("a", 2, 1_000), row("b", 0, null)];
    const seen = applyReadMarks(rows, new Map(), "INBOX");
    expect(seen[0]).toBe(rows[0]);
    expect(seen[1]).toBe(rows[1]);
  });
});

let db: Database;
beforeAll(async () => {
  db = await openDatabase({});
});
afterAll(async () => {
  await db.close();
});

describe.each<[string, () => ReadMarkStore]>([
  ["in the database", () => createReadMarkStore(async () => db)],
  ["in memory (the demo)", () => createMemoryReadMarkStore()],
])("the read mark store %s", (_name, makeStore) => {
  it("keeps each rep's marks apart, per account, and never moves a read line back", async () => {
    const store = makeStore();
    await store.mark("user:1", "acc", "c1", 2_000, 1);
    await store.mark("user:1", "acc", "c1", 1_500, 2);
    await store.mark("user:2", "acc", "c1", 500, 3);
    await store.mark("user:1", "other", "c1", 900, 4);
    expect(await store.marksFor("user:1", "acc", ["c1", "c2"])).toEqual(new Map([["c1", { readThrough: 2_000 }]]));
    expect(await store.marksFor("user:2", "acc", ["c1"])).toEqual(new Map([["c1", { readThrough: 500 }]]));
    expect(await store.marksFor("user:1", "other", ["c1"])).toEqual(new Map([["c1", { readThrough: 900 }]]));
    expect(await store.marksFor("user:1", "acc", [])).toEqual(new Map());
  });

  it("marks unread over a read line, and reads again after", async () => {
    const store = makeStore();
    await store.mark("user:1", "acc", "c9", 2_000, 1);
    await store.mark("user:1", "acc", "c9", null, 2);
    expect((await store.marksFor("user:1", "acc", ["c9"])).get("c9")).toEqual({ readThrough: null });
    await store.mark("user:1", "acc", "c9", 1_000, 3);
    expect((await store.marksFor("user:1", "acc", ["c9"])).get("c9")).toEqual({ readThrough: 1_000 });
  });

  it("lists the rep's marks on the account set since a time, oldest first, bounded (what their other devices ask)", async () => {
    const store = makeStore();
    await store.mark("user:7", "acc", "old", 100, 1_000);
    await store.mark("user:7", "acc", "b", 300, 2_500);
    await store.mark("user:7", "acc", "a", null, 2_000);
    await store.mark("user:7", "acc", "c", 400, 3_000);
    await store.mark("user:8", "acc", "x", 1, 2_600);
    await store.mark("user:7", "other", "y", 1, 2_600);
    expect(await store.marksSince("user:7", "acc", 2_000, 10)).toEqual([
      { conversationId: "a", readThrough: null, markedAt: 2_000 },
      { conversationId: "b", readThrough: 300, markedAt: 2_500 },
      { conversationId: "c", readThrough: 400, markedAt: 3_000 },
    ]);
    expect((await store.marksSince("user:7", "acc", 0, 2)).map((mark) => mark.conversationId)).toEqual(["old", "a"]);
    // Marking again moves the mark to its new time.
    await store.mark("user:7", "acc", "old", 500, 4_000);
    expect((await store.marksSince("user:7", "acc", 3_500, 10)).map((mark) => [mark.conversationId, mark.readThrough])).toEqual([["old", 500]]);
  });
});

describe("a read mark shown before the server's next answer", () => {
  const pages = { pages: [{ conversations: [row("a", 2, 1_000), row("b", 1, 900)], nextCursor: "p2" }, { conversations: [row("c", 3, 800)], nextCursor: null }], pageParams: [null, "p2"] };

  it("sets the count where the conversation is loaded, and drops it from the Unread list when read", () => {
    const read = withUnreadCount(pages, "c", 0, false);
    expect(read!.pages[1]!.conversations[0]!.unreadCount).toBe(0);
    expect(read!.pages[0]).toBe(pages.pages[0]);
    const dropped = withUnreadCount(pages, "a", 0, true);
    expect(dropped!.pages[0]!.conversations.map((c) => c.id)).toEqual(["b"]);
    expect(dropped!.pages[0]!.nextCursor).toBe("p2");
    expect(withUnreadCount(pages, "b", 1, false)).toBe(pages);
    expect(withUnreadCount(pages, "zz", 0, true)).toBe(pages);
  });
});
