import "server-only";
import { z } from "zod";
import type { Queryable } from "@/lib/server/db/database";
import { ApiError } from "@/lib/server/errors";
import type { RateCounter } from "./rate-counter";

/**
 * What every provider call of one account passes through (fetchUpstream calls it around each
 * attempt): a per-minute cap on calls and a daily credit budget, both counted in the database.
 */
export type UpstreamMeter = {
  /** Throws rate_limited or budget_exhausted instead of letting the call go out. */
  beforeCall(): Promise<void>;
  /** Counts the call and the credits it cost, where the provider said. */
  afterCall(credits: number | undefined): Promise<void>;
};

export type ProviderMeterConfig = {
  database: () => Promise<Queryable>;
  counter: RateCounter;
  accountId: string;
  callsPerMinute: number;
  dailyCreditBudget: number;
  now?: () => number;
};

/**
 * A call our own limits kept from going out (the account's minute, its daily budget): the provider
 * was asked nothing, so nothing it answers about (a sync, a person) has failed.
 */
export class MeterRefusal extends ApiError {}

const usageRow = z.object({ calls: z.coerce.number().int(), credits: z.coerce.number().int() });

export type DailyUsage = z.infer<typeof usageRow>;

/** The UTC day a usage row counts, "2026-11-30". */
export function usageDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export async function dailyUsage(db: Queryable, accountId: string, day: string): Promise<DailyUsage> {
  const [row] = await db.query("SELECT calls, credits FROM provider_usage WHERE account_id = $1 AND day = $2", [accountId, day]);
  return row === undefined ? { calls: 0, credits: 0 } : usageRow.parse(row);
}

export function createProviderMeter(config: ProviderMeterConfig): UpstreamMeter {
  const now = config.now ?? Date.now;
  return {
    async beforeCall() {
      const at = now();
      // Two round trips at once: on a database a network away, each one waited for is on the request's path.
      const [hit, usage] = await Promise.all([
        config.counter.hit(`provider:${config.accountId}`, config.callsPerMinute, 60_000),
        config.database().then((db) => dailyUsage(db, config.accountId, usageDay(at))),
      ]);
      // The day's budget first: once it is spent, the refusals themselves fill the minute's count,
      // and the rep must hear "until tomorrow", not "in a few seconds".
      if (usage.credits >= config.dailyCreditBudget) {
        throw new MeterRefusal("budget_exhausted", "This account has spent today's provider credit budget. What is loaded stays readable; new messages resume tomorrow (UTC).", {
          retryAfter: secondsToNextUtcDay(at),
        });
      }
      if (!hit.allowed) {
        throw new MeterRefusal("rate_limited", "This account has made as many provider calls as it may this minute. New messages resume shortly.", {
          retryAfter: hit.retryAfterSeconds,
        });
      }
    },
    async afterCall(credits) {
      await (await config.database()).query(
        `INSERT INTO provider_usage (account_id, day, calls, credits) VALUES ($1, $2, 1, $3)
         ON CONFLICT (account_id, day) DO UPDATE SET calls = provider_usage.calls + 1, credits = provider_usage.credits + $3`,
        [config.accountId, usageDay(now()), creditsCounted(credits)],
      );
    },
  };
}

/** Whole, never negative: the column counts whole credits, and a provider's odd number must not lower the day's. */
function creditsCounted(credits: number | undefined): number {
  return credits === undefined ? 0 : Math.max(0, Math.ceil(credits));
}

function secondsToNextUtcDay(at: number): number {
  const next = new Date(at);
  next.setUTCHours(24, 0, 0, 0);
  return Math.ceil((next.getTime() - at) / 1000);
}
