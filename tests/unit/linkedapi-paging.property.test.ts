import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import { createLinkedApiProvider } from "@/lib/server/providers/linkedapi/adapter";
import { inMemoryPeopleStore, newPerson } from "@/tests/unit/support/people-store";

/**
 * The Linked API inbox is the people the rep added, ordered by their last message, which we learn
 * only by reading their conversation, and reading a page stores what it learned. Whatever the
 * message times, sync times, stored knowledge and page sizes, paging the inbox to its end serves
 * every ready person exactly once, and a person who gets a new message mid-way at most once.
 */
const T0 = Date.UTC(2026, 0, 1);
const signal = new AbortController().signal;

type World = {
  /** Seconds after T0 of each person's messages (oldest first, like Linked API); [] for none yet. */
  messages: number[];
  /** Seconds after T0 when their sync finished. */
  syncedAt: number;
  /** What an earlier read stored as their last message: nothing, the true one, or an older one. */
  stored: "unknown" | "current" | "stale";
};

const iso = (second: number) => new Date(T0 + second * 1_000).toISOString().replace(/\.000Z$/, "Z");

/** conversations.get over the people's messages, `since` exclusive at whole seconds (like the fake). */
function linkedApi(messagesOf: Map<string, number[]>) {
  let reads = 0;
  const fetchFn: typeof fetch = async (_input, init) => {
    reads++;
    const body = JSON.parse(String(init?.body)) as Record<"standard" | "salesNavigator", { person: string; since?: string }[]>;
    const answer = (entry: { person: string; since?: string }) => {
      const since = entry.since === undefined ? -Infinity : (Date.parse(entry.since) - T0) / 1_000;
      const messages = (messagesOf.get(entry.person) ?? [])
        .filter((second) => second > since)
        .map((second, index) => ({ id: `${entry.person}#${second}#${index}`, sender: index % 2 ? "us" : "them", text: `at ${second}`, time: iso(second) }));
      return { person: entry.person, result: { success: true, data: { total: messages.length, messages } } };
    };
    return Response.json({ status: "complete", completion: { standard: body.standard.map(answer), salesNavigator: body.salesNavigator.map(answer) } });
  };
  return { fetchFn, reads: () => reads };
}

const store = inMemoryPeopleStore();

async function setUp(world: readonly World[]) {
  const accountId = `paging-${randomUUID()}`;
  const messagesOf = new Map<string, number[]>();
  const ids: string[] = [];
  for (const [index, person] of world.entries()) {
    const profileUrl = `https://www.linkedin.com/in/person-${index}`;
    messagesOf.set(profileUrl, [...person.messages].sort((a, b) => a - b));
    const { person: record } = await store.add(accountId, newPerson(profileUrl, "standard", `Person ${index}`), T0);
    await store.markReady(accountId, record.id, T0 + person.syncedAt * 1_000);
    const newest = Math.max(...person.messages);
    const known = person.stored === "current" ? newest : person.stored === "stale" ? Math.min(...person.messages) - 1 : undefined;
    if (known !== undefined && Number.isFinite(known)) await store.saveLastMessage(accountId, record.id, { text: "earlier", sentAt: T0 + known * 1_000, fromMe: false }, T0);
    ids.push(record.id);
  }
  const upstream = linkedApi(messagesOf);
  const provider = createLinkedApiProvider({
    baseUrl: "http://linkedapi.test",
    fetch: upstream.fetchFn,
    timeoutMs: 1_000,
    retry: NO_RETRY,
    token: "t",
    identificationToken: "i",
    accountId,
    store,
    now: () => T0 + 10_000_000,
  });
  return { provider, ids, messagesOf, upstream };
}

type Provider = Awaited<ReturnType<typeof setUp>>["provider"];

async function pageInbox(provider: Provider, limits: () => number, between: (page: number) => void = () => undefined) {
  const served: string[] = [];
  let cursor: string | undefined;
  for (let page = 1; page <= 200; page++) {
    const limit = limits();
    const result = await provider.listConversations({ category: "INBOX", limit, cursor }, signal);
    expect(result.items.length).toBeLessThanOrEqual(limit);
    served.push(...result.items.map((c) => c.id));
    if (result.nextCursor === null) return { served, pages: page };
    cursor = result.nextCursor;
    between(page);
  }
  throw new Error("inbox paging did not end");
}

const worldArbitrary = fc.array(
  fc.record({
    // Whole seconds in a small range, so equal times (ties) are common, with each other and with syncs.
    messages: fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }),
    syncedAt: fc.integer({ min: 0, max: 45 }),
    stored: fc.constantFrom("unknown", "unknown", "current", "stale"),
  }) as fc.Arbitrary<World>,
  { minLength: 1, maxLength: 12 },
);

describe("Linked API inbox paging (property)", () => {
  it("serves every ready person exactly once, at any page size, pages of one size or of many, and again on a second pass", async () => {
    await fc.assert(
      fc.asyncProperty(worldArbitrary, fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 6 }), async (world, sizes) => {
        const { provider, ids, upstream } = await setUp(world);
        let turn = 0;
        const limits = () => sizes[turn++ % sizes.length] ?? 1;
        const first = await pageInbox(provider, limits);
        expect([...first.served].sort()).toEqual([...ids].sort());
        const second = await pageInbox(provider, limits);
        expect([...second.served].sort()).toEqual([...ids].sort());
        // One batched read per page, however many people are still unknown.
        expect(upstream.reads()).toBe(first.pages + second.pages);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it("a person who gets a new message while the rep pages is served at most once; everyone else exactly once", async () => {
    await fc.assert(
      fc.asyncProperty(
        worldArbitrary,
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        async (world, limit, arrivals) => {
          const { provider, ids, messagesOf } = await setUp(world);
          const urls = [...messagesOf.keys()];
          const moved = new Set<string>();
          const { served } = await pageInbox(provider, () => limit, (page) => {
            const pick = arrivals[page - 1];
            if (pick === undefined) return;
            const url = urls[pick % urls.length] ?? "";
            // Newer than anything yet: the conversation moves to the top.
            messagesOf.get(url)?.push(1_000 + page);
            moved.add(ids[urls.indexOf(url)] ?? "");
          });
          expect(new Set(served).size).toBe(served.length);
          for (const id of ids) if (!moved.has(id)) expect(served).toContain(id);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
