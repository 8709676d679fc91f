import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Message, MessagesPage } from "@/lib/contracts/api";
import { compareMessagesNewestFirst, flattenMessages, mergeMessagesSince } from "@/lib/client/merge-messages";
import { newestSentAt, type MessagePages } from "@/lib/client/message-pages";

function msg(id: string, sentAt: number, extra: Partial<Message> = {}): Message {
  return {
    id,
    text: `text of ${id}`,
    sentAt,
    sender: { name: "Ada" },
    fromMe: false,
    type: "text",
    attachments: [],
    reactions: [],
    ...extra,
  };
}

function pages(...groups: [Message[], string | null][]): MessagePages<string | null> {
  return {
    pages: groups.map(([messages, nextCursor]) => ({ messages, nextCursor })),
    pageParams: groups.map((_, i) => (i === 0 ? null : `c${i}`)),
  };
}

const ids = (list: Message[]) => list.map((m) => m.id);

describe("mergeMessagesSince", () => {
  it("returns undefined when nothing is loaded yet", () => {
    expect(mergeMessagesSince(undefined, [msg("a", 1)])).toBeUndefined();
  });

  it("returns the same object when the delta only repeats the boundary message", () => {
    const data = pages([[msg("b", 2), msg("a", 1)], "c1"]);
    expect(mergeMessagesSince(data, [msg("b", 2)])).toBe(data);
    expect(mergeMessagesSince(data, [])).toBe(data);
  });

  it("puts new messages into the newest page, newest first, without touching cursors", () => {
    const older: [Message[], string | null] = [[msg("x", 1)], null];
    const data = pages([[msg("b", 5), msg("a", 4)], "c1"], older);
    const merged = mergeMessagesSince(data, [msg("b", 5), msg("c", 6), msg("d", 7)]);
    expect(merged).toBeDefined();
    expect(ids(merged!.pages[0]!.messages)).toEqual(["d", "c", "b", "a"]);
    expect(merged!.pages[0]!.nextCursor).toBe("c1");
    expect(merged!.pages[1]).toBe(data.pages[1]);
    expect(merged!.pageParams).toBe(data.pageParams);
  });

  it("replaces a repeated message in place, even in an older page", () => {
    const data = pages([[msg("c", 9)], "c1"], [[msg("b", 5), msg("a", 4)], null]);
    const updated = msg("b", 5, { reactions: [{ emoji: "👍", count: 1, viewerReacted: false }] });
    const merged = mergeMessagesSince(data, [updated]);
    expect(ids(merged!.pages[1]!.messages)).toEqual(["b", "a"]);
    expect(merged!.pages[1]!.messages[0]).toBe(updated);
    expect(merged!.pages[0]).toBe(data.pages[0]);
  });

  it("orders messages sharing one millisecond deterministically by id", () => {
    const data = pages([[msg("m", 10)], null]);
    const a = mergeMessagesSince(data, [msg("q", 10), msg("a", 10), msg("z", 10)]);
    const b = mergeMessagesSince(mergeMessagesSince(data, [msg("z", 10)]), [msg("a", 10), msg("q", 10)]);
    expect(ids(flattenMessages(a))).toEqual(["z", "q", "m", "a"]);
    expect(flattenMessages(b)).toEqual(flattenMessages(a));
  });

  it("removes a copy that overlapping pages duplicated, keeping the newer page's one", () => {
    const data = pages([[msg("c", 3), msg("b", 2)], "c1"], [[msg("b", 2), msg("a", 1)], null]);
    const merged = mergeMessagesSince(data, [msg("d", 4)]);
    expect(ids(merged!.pages[0]!.messages)).toEqual(["d", "c", "b"]);
    expect(ids(merged!.pages[1]!.messages)).toEqual(["a"]);
  });

  it("uses the last copy when a delta repeats an id", () => {
    const data = pages([[msg("a", 1)], null]);
    const merged = mergeMessagesSince(data, [msg("b", 2, { text: "old" }), msg("b", 2, { text: "new" })]);
    expect(merged!.pages[0]!.messages.map((m) => m.text)).toEqual(["new", "text of a"]);
  });
});

describe("flattenMessages / newestSentAt", () => {
  it("flattens overlapping pages once each, newest first", () => {
    const data = pages([[msg("c", 3), msg("b", 2)], "c1"], [[msg("b", 2), msg("a", 1)], null]);
    expect(ids(flattenMessages(data))).toEqual(["c", "b", "a"]);
    expect(newestSentAt(data)).toBe(3);
    expect(newestSentAt(pages([[], null]))).toBeNull();
    expect(flattenMessages(undefined)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: a simulated server with clustered timestamps, edits, and `since` polls whose answers
// arrive in any order. Its cursors are either keyset ("older than this message", what the contract
// means) or offsets (pages shift and overlap as messages arrive, as some providers do).

type Op =
  | { kind: "arrive"; count: number; gaps: number[] }
  | { kind: "edit"; pick: number }
  | { kind: "older" }
  | { kind: "olderRepeat" }
  | { kind: "pollStart" }
  | { kind: "pollDeliver"; pick: number }
  | { kind: "pollRetry"; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("arrive" as const),
    count: fc.integer({ min: 1, max: 4 }),
    gaps: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant("edit" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("older" as const) }),
  // The provider answers the same page again (a retried request, a cursor that did not move).
  fc.record({ kind: fc.constant("olderRepeat" as const) }),
  fc.record({ kind: fc.constant("pollStart" as const) }),
  fc.record({ kind: fc.constant("pollDeliver" as const), pick: fc.nat() }),
  // An answer already merged arrives again (a retry whose first attempt did get through).
  fc.record({ kind: fc.constant("pollRetry" as const), pick: fc.nat() }),
);

class FakeServer {
  private byId = new Map<string, Message>();
  private clock = 1_000;
  private serial = 0;
  constructor(
    initial: number,
    private readonly pageSize: number,
    private readonly idFor: (n: number) => string,
    private readonly offsetCursors: boolean,
  ) {
    this.arrive(initial, [0, 1, 0, 2]);
  }
  arrive(count: number, gaps: number[]) {
    for (let i = 0; i < count; i++) {
      this.clock += gaps[i % gaps.length] ?? 0;
      const id = this.idFor(this.serial++);
      this.byId.set(id, msg(id, this.clock));
    }
  }
  edit(pick: number) {
    const all = [...this.byId.values()];
    const target = all[pick % Math.max(1, all.length)];
    if (!target) return;
    const count = (target.reactions[0]?.count ?? 0) + 1;
    this.byId.set(target.id, { ...target, reactions: [{ emoji: "👍", count, viewerReacted: false }] });
  }
  sorted(): Message[] {
    return [...this.byId.values()].sort(compareMessagesNewestFirst);
  }
  page(cursor: string | null): MessagesPage {
    const all = this.sorted();
    if (this.offsetCursors) {
      const offset = cursor === null ? 0 : Number(cursor);
      const slice = all.slice(offset, offset + this.pageSize);
      const next = offset + this.pageSize < all.length ? String(offset + this.pageSize) : null;
      return { messages: slice, nextCursor: next };
    }
    const after = cursor === null ? undefined : this.byId.get(cursor);
    const older = after === undefined ? all : all.filter((m) => compareMessagesNewestFirst(m, after) > 0);
    const slice = older.slice(0, this.pageSize);
    const last = slice[slice.length - 1];
    return { messages: slice, nextCursor: older.length > this.pageSize && last ? last.id : null };
  }
  since(t: number): Message[] {
    return this.sorted().filter((m) => m.sentAt >= t);
  }
  get(id: string): Message | undefined {
    return this.byId.get(id);
  }
}

describe("mergeMessagesSince — property", () => {
  it("loses nothing, doubles nothing and keeps a stable order under any interleaving", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 2, max: 5 }),
        fc.array(opArb, { maxLength: 40 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        fc.boolean(),
        (initial, pageSize, ops, finalOrder, scrambleIds, offsetCursors) => {
          // Ids that do not sort like time, so tie-breaking is exercised for real.
          const idFor = (n: number) => (scrambleIds ? `m${(n * 7919) % 1009}-${n}` : `m${String(n).padStart(4, "0")}`);
          const server = new FakeServer(initial, pageSize, idFor, offsetCursors);
          const first = server.page(null);
          let data: MessagePages<string | null> | undefined = { pages: [first], pageParams: [null] };
          const received = new Set<string>(first.messages.map((m) => m.id));
          const pending: Message[][] = [];
          const delivered: Message[][] = [];

          const deliver = (delta: Message[]) => {
            data = mergeMessagesSince(data, delta);
            for (const m of delta) received.add(m.id);
            delivered.push(delta);
          };

          for (const op of ops) {
            switch (op.kind) {
              case "arrive":
                server.arrive(op.count, op.gaps);
                break;
              case "edit":
                server.edit(op.pick);
                break;
              case "older": {
                // What TanStack's fetchNextPage does: append the next page as is, no merge.
                const last: MessagesPage = data!.pages[data!.pages.length - 1]!;
                if (last.nextCursor === null) break;
                const page = server.page(last.nextCursor);
                data = { pages: [...data!.pages, page], pageParams: [...data!.pageParams, last.nextCursor] };
                for (const m of page.messages) received.add(m.id);
                break;
              }
              case "olderRepeat": {
                const last: MessagesPage = data!.pages[data!.pages.length - 1]!;
                data = { pages: [...data!.pages, last], pageParams: [...data!.pageParams, data!.pageParams[data!.pageParams.length - 1] ?? null] };
                break;
              }
              case "pollStart":
                pending.push(server.since(newestSentAt(data) ?? 0));
                break;
              case "pollDeliver": {
                if (pending.length === 0) break;
                const [delta] = pending.splice(op.pick % pending.length, 1);
                deliver(delta!);
                break;
              }
              case "pollRetry": {
                const again = delivered[op.pick % Math.max(1, delivered.length)];
                if (again !== undefined) deliver(again);
                break;
              }
            }
          }
          // Remaining answers arrive in a scrambled order, then one last poll in order.
          let k = 0;
          while (pending.length > 0) {
            const [delta] = pending.splice(finalOrder[k++ % finalOrder.length]! % pending.length, 1);
            deliver(delta!);
          }
          const finalDelta = server.since(newestSentAt(data) ?? 0);
          deliver(finalDelta);

          const flat = flattenMessages(data);
          // Nothing lost, nothing doubled (the merge also normalises the raw pages).
          expect(new Set(ids(flat))).toEqual(received);
          const rawIds = data!.pages.flatMap((p) => ids(p.messages));
          if (finalDelta.length > 0) expect(rawIds.length).toBe(new Set(rawIds).size);
          // Order: strictly newest-first by (sentAt, id), inside every page too.
          for (let i = 1; i < flat.length; i++) expect(compareMessagesNewestFirst(flat[i - 1]!, flat[i]!)).toBeLessThan(0);
          for (const page of data!.pages) {
            for (let i = 1; i < page.messages.length; i++) {
              expect(compareMessagesNewestFirst(page.messages[i - 1]!, page.messages[i]!)).toBeLessThan(0);
            }
          }
          // With stable (keyset) cursors, everything the server holds from the oldest loaded message
          // up is on screen. (Offset cursors can skip messages when a page shifts under them: that
          // is a server-side property no client merge can repair.)
          const oldest = flat[flat.length - 1];
          if (oldest && !offsetCursors) {
            const expected = server.sorted().filter((m) => compareMessagesNewestFirst(m, oldest) <= 0);
            expect(ids(flat)).toEqual(ids(expected));
          }
          // The last delivered copy of a repeated message replaced the older one.
          for (const m of finalDelta) expect(flat.find((x) => x.id === m.id)).toEqual(server.get(m.id));
          // Cursors untouched by merges.
          expect(data!.pageParams.length).toBe(data!.pages.length);
        },
      ),
      { numRuns: 4_000 },
    );
  });

  it("gives the same result whatever order the same deltas are merged in", () => {
    const messageArb = fc.record({
      id: fc.string({ minLength: 1, maxLength: 3 }),
      sentAt: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(messageArb, { selector: (m) => m.id, maxLength: 30 }),
        fc.array(fc.nat({ max: 5 }), { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (specs, groupOf, shuffle) => {
          const all = specs.map((s) => msg(s.id, s.sentAt));
          const groups: Message[][] = [[], [], [], [], [], []];
          all.forEach((m, i) => groups[groupOf[i] ?? 0]!.push(m));
          // Deltas overlap: every group also repeats its neighbour's first message.
          const deltas = groups.map((g, i) => [...g, ...(groups[(i + 1) % groups.length]!.slice(0, 1))]);
          const start: MessagePages = { pages: [{ messages: [], nextCursor: null }], pageParams: [null] };
          const inOrder = deltas.reduce<MessagePages | undefined>((d, delta) => mergeMessagesSince(d, delta), start);
          const order = [...deltas.keys()].sort((a, b) => (shuffle[a] ?? 0) - (shuffle[b] ?? 0) || a - b);
          const scrambled = order.reduce<MessagePages | undefined>((d, i) => mergeMessagesSince(d, deltas[i]!), start);
          const twice = deltas.reduce<MessagePages | undefined>((d, delta) => mergeMessagesSince(d, delta), inOrder);
          expect(flattenMessages(scrambled)).toEqual(flattenMessages(inOrder));
          expect(twice).toBe(inOrder);
          expect(flattenMessages(inOrder)).toEqual([...all].sort(compareMessagesNewestFirst));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
