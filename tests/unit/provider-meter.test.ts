import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/server/db";
import type { Database } from "@/lib/server/db/database";
import { createProviderMeter, dailyUsage, usageDay } from "@/lib/server/limits/provider-meter";
import { createRateCounter } from "@/lib/server/limits/rate-counter";

let db: Database;
beforeAll(async () => {
  db = await openDatabase({});
});
afterAll(async () => {
  await db.close();
});

/** 10:00:30 UTC: 30 s into a minute, 14 h before the next UTC day. */
const AT = Date.UTC(2026, 10, 30, 10, 0, 30);

function meterOf(accountId: string, limits: { callsPerMinute: number; dailyCreditBudget: number }, clock: () => number) {
  const database = async () => db;
  return createProviderMeter({ database, counter: createRateCounter(database, clock), accountId, ...limits, now: clock });
}

describe("the provider meter (calls a minute, credits a day, in the database)", () => {
  it("lets calls out until the minute's are spent, and counts each call and its credits for the day", async () => {
    let clock = AT;
    const meter = meterOf("meter:a", { callsPerMinute: 3, dailyCreditBudget: 100 }, () => clock);
    for (let call = 0; call < 3; call++) {
      await meter.beforeCall();
      await meter.afterCall(2);
    }
    await expect(meter.beforeCall()).rejects.toMatchObject({ code: "rate_limited", retryAfter: 30 });
    expect(await dailyUsage(db, "meter:a", usageDay(AT))).toEqual({ calls: 3, credits: 6 });

    clock += 60_000;
    await expect(meter.beforeCall()).resolves.toBeUndefined();
  });

  it("once the day's budget is spent, refuses until tomorrow, however many refusals fill the minute", async () => {
    const meter = meterOf("meter:b", { callsPerMinute: 2, dailyCreditBudget: 5 }, () => AT);
    await meter.beforeCall();
    await meter.afterCall(5);
    for (let refusal = 0; refusal < 4; refusal++) {
      await expect(meter.beforeCall()).rejects.toMatchObject({ code: "budget_exhausted", retryAfter: 14 * 3_600 - 30 });
    }
    // Another account's budget and minute are its own.
    await expect(meterOf("meter:c", { callsPerMinute: 2, dailyCreditBudget: 5 }, () => AT).beforeCall()).resolves.toBeUndefined();
  });

  it("counts a provider's fraction of a credit as a whole one, and never lets a negative number lower the day's", async () => {
    const meter = meterOf("meter:d", { callsPerMinute: 10, dailyCreditBudget: 100 }, () => AT);
    await meter.afterCall(1.5);
    await meter.afterCall(-3);
    await meter.afterCall(undefined);
    expect(await dailyUsage(db, "meter:d", usageDay(AT))).toEqual({ calls: 3, credits: 2 });
  });
});
