import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createSharedCache } from "@/lib/server/cache/shared-cache";
import { openDatabase } from "@/lib/server/db";
import type { Database } from "@/lib/server/db/database";

let db: Database;
beforeAll(async () => {
  db = await openDatabase({});
});
afterAll(async () => {
  await db.close();
});

const value = z.object({ n: z.number() });
const signal = new AbortController().signal;

describe("the shared read cache (in the database)", () => {
  it("asks the provider once for simultaneous reads of one key, and serves the answer until it is stale", async () => {
    let clock = 1_000_000;
    const cache = createSharedCache(async () => db, () => clock);
    let fetches = 0;
    const slowFetch = async () => {
      fetches++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { n: fetches };
    };
    const answers = await Promise.all(Array.from({ length: 5 }, () => cache.read("inbox:a", 4_000, value, slowFetch, signal)));
    expect(fetches).toBe(1);
    expect(answers.map((a) => a.value.n)).toEqual([1, 1, 1, 1, 1]);

    clock += 3_000;
    expect((await cache.read("inbox:a", 4_000, value, slowFetch, signal)).value.n).toBe(1);
    clock += 2_000;
    expect((await cache.read("inbox:a", 4_000, value, slowFetch, signal)).value.n).toBe(2);
    // Another key (another account, another question) is its own.
    expect((await cache.read("inbox:b", 4_000, value, slowFetch, signal)).value.n).toBe(3);
  });

  it("a claimer slowed by a struggling provider (its retries past 15 s) keeps its waiters waiting, not asking too", async () => {
    let clock = 4_000_000;
    const cache = createSharedCache(async () => db, () => clock);
    let release: (answer: { n: number }) => void = () => undefined;
    let waiterFetches = 0;
    const claimer = cache.read("k:slow", 4_000, value, () => new Promise<{ n: number }>((resolve) => (release = resolve)), signal);
    await expect.poll(async () => (await db.query("SELECT claimed_until FROM upstream_cache WHERE key = 'k:slow'")).length).toBe(1);
    const waiter = cache.read("k:slow", 4_000, value, async () => ({ n: ++waiterFetches }), signal);
    await new Promise((resolve) => setTimeout(resolve, 150));
    clock += 20_000;
    await new Promise((resolve) => setTimeout(resolve, 250));
    release({ n: 42 });
    expect((await claimer).value.n).toBe(42);
    expect((await waiter).value.n).toBe(42);
    expect(waiterFetches).toBe(0);
  });

  it("keeps no failure, and frees a claim whose holder never came back", async () => {
    let clock = 2_000_000;
    const cache = createSharedCache(async () => db, () => clock);
    await expect(cache.read("k:fail", 4_000, value, () => Promise.reject(new Error("provider down")), signal)).rejects.toThrow("provider down");
    expect((await cache.read("k:fail", 4_000, value, async () => ({ n: 7 }), signal)).value.n).toBe(7);

    // A claimer that crashed: its claim lapses, and the next reader asks.
    await db.query("INSERT INTO upstream_cache (key, fetched_at, value, claimed_until) VALUES ('k:stuck', 0, NULL, $1)", [clock + 15_000]);
    clock += 16_000;
    expect((await cache.read("k:stuck", 4_000, value, async () => ({ n: 8 }), signal)).value.n).toBe(8);
  });
});

describe("forgetting answers", () => {
  it("drops every answer under a prefix, and only those", async () => {
    const cache = createSharedCache(async () => db, () => 3_000_000);
    let n = 0;
    const fetch = async () => ({ n: ++n });
    await cache.read("conversations:acc-1:INBOX:10", 60_000, value, fetch, signal);
    await cache.read("conversations:acc-10:INBOX:10", 60_000, value, fetch, signal);
    await cache.forget("conversations:acc-1:");
    expect((await cache.read("conversations:acc-1:INBOX:10", 60_000, value, fetch, signal)).value.n).toBe(3);
    // acc-10 starts with "acc-1" but not with "acc-1:": kept.
    expect((await cache.read("conversations:acc-10:INBOX:10", 60_000, value, fetch, signal)).value.n).toBe(2);
    // A LIKE wildcard in a prefix is a plain character.
    await cache.forget("conversations:%");
    expect((await cache.read("conversations:acc-10:INBOX:10", 60_000, value, fetch, signal)).value.n).toBe(2);
  });

  it("drops an answer being fetched when the change came: its asker gets it, nobody else", async () => {
    let clock = 4_000_000;
    const cache = createSharedCache(async () => db, () => clock);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let fetching: () => void = () => undefined;
    // The read asks the provider only once it holds the claim: from then on the change drops its answer.
    const claimed = new Promise<void>((resolve) => (fetching = resolve));
    const inFlight = cache.read("conversations:acc-2:INBOX:10", 60_000, value, async () => {
      fetching();
      await gate;
      return { n: 1 };
    }, signal);
    await claimed;
    clock += 100;
    await cache.forget("conversations:acc-2:");
    release();
    expect((await inFlight).value.n).toBe(1);
    expect((await cache.read("conversations:acc-2:INBOX:10", 60_000, value, async () => ({ n: 2 }), signal)).value.n).toBe(2);
  });

  it("with a time: drops only what was fetched before it", async () => {
    let clock = 5_000_000;
    const cache = createSharedCache(async () => db, () => clock);
    await cache.read("conversations:acc-3:INBOX:10", 60_000, value, async () => ({ n: 1 }), signal);
    clock += 1_000;
    // A sync that finished before this answer was fetched: the answer already holds it.
    await cache.forget("conversations:acc-3:", clock - 2_000);
    expect((await cache.read("conversations:acc-3:INBOX:10", 60_000, value, async () => ({ n: 2 }), signal)).value.n).toBe(1);
    // One that finished after it: fetched again.
    await cache.forget("conversations:acc-3:", clock);
    expect((await cache.read("conversations:acc-3:INBOX:10", 60_000, value, async () => ({ n: 3 }), signal)).value.n).toBe(3);
  });
});
