import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "@/lib/server/db/database";
import { migrate } from "@/lib/server/db/migrate";
import { openPglite } from "@/lib/server/db/pglite";
import { openPostgres } from "@/lib/server/db/postgres";
import { ApiError } from "@/lib/server/errors";
import { createProviderMeter } from "@/lib/server/limits/provider-meter";
import { createRateCounter, type RateCounter } from "@/lib/server/limits/rate-counter";
import { deferLimit, withRequestContext } from "@/lib/server/request-context";
import { createScratchDatabase } from "@/tests/support/postgres-server";

const backends: { name: string; open: () => Promise<Database> }[] = [
  { name: "PGlite (embedded default)", open: () => openPglite() },
  { name: "PostgreSQL server", open: async () => openPostgres(await createScratchDatabase(inject("postgresUrl"))) },
];

/** Mid-minute, so every count here falls in one window. */
const NOW = Date.UTC(2026, 11, 1, 12, 0, 30);
const MINUTE = 60_000;

describe.each(backends)("rate counters and the provider meter on $name", ({ open }) => {
  let db: Database | undefined;
  let counter: RateCounter;
  const database = async () => {
    if (!db) throw new Error("not open");
    return db;
  };
  let n = 0;
  const key = (name: string) => `${name}-${++n}`;

  beforeAll(async () => {
    db = await open();
    await migrate(db);
    counter = createRateCounter(database, () => NOW);
  }, 30_000);
  afterAll(async () => {
    await db?.close();
  });

  it("counts a key per window, allowed up to its limit, with the seconds left in the window", async () => {
    const k = key("api");
    expect(await counter.hit(k, 2, MINUTE)).toEqual({ allowed: true, count: 1, retryAfterSeconds: 30 });
    expect((await counter.hit(k, 2, MINUTE)).allowed).toBe(true);
    expect(await counter.hit(k, 2, MINUTE)).toEqual({ allowed: false, count: 3, retryAfterSeconds: 30 });
  });

  it("counts a pair in one statement: the second only while the first is within its limit", async () => {
    const rep = key("api");
    const provider = key("provider");
    const first = await counter.hitBoth({ key: rep, limit: 1 }, { key: provider, limit: 5 }, MINUTE);
    expect(first).toEqual({ first: { allowed: true, count: 1, retryAfterSeconds: 30 }, second: { allowed: true, count: 1, retryAfterSeconds: 30 } });
    const refused = await counter.hitBoth({ key: rep, limit: 1 }, { key: provider, limit: 5 }, MINUTE);
    expect(refused).toEqual({ first: { allowed: false, count: 2, retryAfterSeconds: 30 }, second: null });
    // The refused request did not count as a provider call.
    expect((await counter.hit(provider, 5, MINUTE)).count).toBe(2);
  });

  it("a read's deferred rate is counted with its first provider call, once; above it, no call is counted", async () => {
    const accountId = key("account");
    const meter = createProviderMeter({ database, counter, accountId, callsPerMinute: 10, dailyCreditBudget: 100, now: () => NOW });
    const rep = key("api:user");
    const refusal = (retryAfter: number) => new ApiError("rate_limited", "Too many requests", { retryAfter });
    const read = () =>
      withRequestContext(key("request"), async () => {
        deferLimit({ key: rep, perMinute: 2, refusal });
        // Two calls in one read (a thread paged twice): the rep's request counts once.
        await meter.beforeCall();
        await meter.beforeCall();
      });
    await read();
    await read();
    await expect(read()).rejects.toMatchObject({ code: "rate_limited", retryAfter: 30 });
    expect((await counter.hit(rep, 2, MINUTE)).count).toBe(4);
    // Four calls went out; the refused read's call was not counted.
    expect((await counter.hit(`provider:${accountId}`, 10, MINUTE)).count).toBe(5);
    // Calls side by side in a refused read: none goes on (the one that counted the rate, and the one waiting for it).
    const sideBySide = await withRequestContext(key("request"), async () => {
      deferLimit({ key: rep, perMinute: 2, refusal });
      return Promise.allSettled([meter.beforeCall(), meter.beforeCall()]);
    });
    expect(sideBySide.map((outcome) => outcome.status)).toEqual(["rejected", "rejected"]);
    expect((await counter.hit(rep, 2, MINUTE)).count).toBe(6);
    // Outside a request, a call counts its own limit only.
    const provider = (await counter.hit(`provider:${accountId}`, 10, MINUTE)).count;
    await meter.beforeCall();
    expect((await counter.hit(`provider:${accountId}`, 10, MINUTE)).count).toBe(provider + 2);
  });
});
