import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/contracts/api";
import type { ThreadItem } from "@/lib/client/merge-outbox";
import { threadRows, type ThreadRow } from "@/lib/client/thread-rows";

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Noon, local time, some day: the tests' days do not depend on the machine's time zone. */
const NOON = new Date(2026, 10, 2, 12).getTime();

function item(id: string, sentAt: number, fromMe = false): ThreadItem {
  const message: Message = { id, text: id, sentAt, sender: { name: fromMe ? "Rep" : "Ada" }, fromMe, type: "text", attachments: [], reactions: [] };
  return { kind: "message", message };
}
/** Newest first, as the thread holds them. */
const newestFirst = (...items: ThreadItem[]) => [...items].sort((a, b) => b.message.sentAt - a.message.sentAt);
const keys = (rows: ThreadRow[]) => rows.map((row) => row.key);

describe("threadRows", () => {
  it("labels each day after the oldest loaded one, which is shown above the list instead", () => {
    const { firstDay, rows } = threadRows(newestFirst(item("a", NOON), item("b", NOON + MINUTE), item("c", NOON + DAY)));
    expect(firstDay).toBe(NOON);
    expect(rows.map((row) => row.kind)).toEqual(["item", "item", "day", "item"]);
    expect(keys(rows)).toEqual(["a", "b", expect.stringMatching(/^day:/), "c"]);
  });

  it("breaks a group at a gap when the later row is the earlier message (a reply still in the outbox, after one sent since)", () => {
    // As the thread shows them, oldest first: one sent at 12:09, then one written at 12:00 that is still not confirmed.
    const items: ThreadItem[] = [item("waiting", NOON, true), item("sent", NOON + 9 * MINUTE, true)];
    const flags = threadRows(items).rows.filter((row) => row.kind === "item").map((row) => [row.key, row.groupStart, row.groupEnd]);
    expect(flags).toEqual([
      ["sent", true, true],
      ["waiting", true, true],
    ]);
  });

  it("groups one side's messages close in time, and breaks groups at a day, a side or a gap", () => {
    const { rows } = threadRows(
      newestFirst(item("a", NOON), item("b", NOON + MINUTE), item("c", NOON + 2 * MINUTE, true), item("d", NOON + 20 * MINUTE, true), item("e", NOON + DAY)),
    );
    const flags = rows.filter((row) => row.kind === "item").map((row) => [row.key, row.groupStart, row.groupEnd]);
    expect(flags).toEqual([
      ["a", true, false],
      ["b", false, true],
      ["c", true, true],
      ["d", true, true],
      ["e", true, true],
    ]);
  });

  it("keeps every loaded row's key and order when an older page lands, so the list keeps the reader's place", () => {
    const loaded = [item("m3", NOON + DAY), item("m4", NOON + DAY + MINUTE), item("m5", NOON + 2 * DAY)];
    const older = [item("m1", NOON), item("m2", NOON + 2 * MINUTE)];
    const before = keys(threadRows(newestFirst(...loaded)).rows);
    const after = keys(threadRows(newestFirst(...older, ...loaded)).rows);
    // The rows before the page are still there, in the same order, at the end of the list.
    expect(after.slice(after.length - before.length)).toEqual(before);
    // The old first day's label, above the list until now, is a row between the two pages.
    expect(after.slice(0, after.length - before.length)).toEqual(["m1", "m2", expect.stringMatching(/^day:/)]);
  });

  it("is empty with no messages", () => {
    expect(threadRows([])).toEqual({ firstDay: null, rows: [] });
  });
});

describe("threadRows without the rep's days (the server's first HTML)", () => {
  it("has no day rows, and groups by side, sender and time alone", () => {
    const { rows } = threadRows(newestFirst(item("a", NOON), item("b", NOON + MINUTE), item("c", NOON + DAY), item("d", NOON + DAY + MINUTE)), () => "");
    expect(rows.map((row) => row.kind)).toEqual(["item", "item", "item", "item"]);
    const flags = rows.filter((row) => row.kind === "item").map((row) => [row.key, row.groupStart, row.groupEnd]);
    expect(flags).toEqual([
      ["a", true, false],
      ["b", false, true],
      ["c", true, false],
      ["d", false, true],
    ]);
  });

  it("a rep whose time zone changes with the tab open gets every day in the new zone, not the old one's for messages already laid out", () => {
    const zoneBefore = process.env.TZ;
    try {
      // 03:00 UTC: the evening before in New York, the same morning in London.
      const early = Date.UTC(2026, 10, 3, 3);
      const loaded = newestFirst(item("a", early - DAY), item("b", early));
      process.env.TZ = "America/New_York";
      const inNewYork = keys(threadRows(loaded).rows);
      process.env.TZ = "Europe/London";
      const inLondon = keys(threadRows(loaded).rows);
      const fresh = keys(threadRows(newestFirst(item("a", early - DAY), item("b", early))).rows);
      expect(inLondon).toEqual(fresh);
      expect(inLondon).toEqual(["a", "day:2026-10-3", "b"]);
      expect(inNewYork).toEqual(["a", "day:2026-10-2", "b"]);
    } finally {
      if (zoneBefore === undefined) delete process.env.TZ;
      else process.env.TZ = zoneBefore;
    }
  });
});
