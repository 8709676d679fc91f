import "server-only";
import { z } from "zod";
import type { Queryable } from "@/lib/server/db/database";

export type Hit = { allowed: boolean; count: number; retryAfterSeconds: number };

/**
 * Fixed-window counters in the database, so a limit holds across every serverless instance: one
 * upsert per hit, counted atomically by Postgres. Old windows are swept now and then.
 */
export type RateCounter = {
  hit(key: string, limit: number, windowMs: number): Promise<Hit>;
  /**
   * Counts `first`, and `second` only if `first` is within its limit (a rep's request, then the
   * provider call it makes for them): one statement, one round trip. `second` is null when not counted.
   */
  hitBoth(first: CountedKey, second: CountedKey, windowMs: number): Promise<{ first: Hit; second: Hit | null }>;
};

export type CountedKey = { key: string; limit: number };

const countRow = z.object({ count: z.coerce.number().int() });
const pairRow = z.object({ first_count: z.coerce.number().int(), second_count: z.coerce.number().int().nullable() });

const UPSERT = `INSERT INTO rate_counter (key, window_start, count) VALUES ($1, $2, 1)
  ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counter.count + 1
  RETURNING count`;

const UPSERT_PAIR = `WITH first_hit AS (${UPSERT}),
  second_hit AS (
    INSERT INTO rate_counter (key, window_start, count) SELECT $3, $2, 1 FROM first_hit WHERE first_hit.count <= $4
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counter.count + 1
    RETURNING count
  )
  SELECT first_hit.count AS first_count, (SELECT count FROM second_hit) AS second_count FROM first_hit`;
const SWEEP_EVERY = 500;
const KEEP_MS = 24 * 60 * 60_000;

export function createRateCounter(database: () => Promise<Queryable>, now: () => number = Date.now): RateCounter {
  let hits = 0;
  const sweepNowAndThen = async (db: Queryable, at: number) => {
    if (++hits % SWEEP_EVERY === 0) await db.query("DELETE FROM rate_counter WHERE window_start < $1", [at - KEEP_MS]);
  };
  const windowOf = (windowMs: number) => {
    const at = now();
    const start = at - (at % windowMs);
    return { at, start, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - at) / 1000)) };
  };
  return {
    async hit(key, limit, windowMs) {
      const db = await database();
      const window = windowOf(windowMs);
      const [row] = await db.query(UPSERT, [key, window.start]);
      await sweepNowAndThen(db, window.at);
      const { count } = countRow.parse(row);
      return { allowed: count <= limit, count, retryAfterSeconds: window.retryAfterSeconds };
    },
    async hitBoth(first, second, windowMs) {
      const db = await database();
      const window = windowOf(windowMs);
      const [row] = await db.query(UPSERT_PAIR, [first.key, window.start, second.key, first.limit]);
      await sweepNowAndThen(db, window.at);
      const counts = pairRow.parse(row);
      const hitOf = (count: number, limit: number): Hit => ({ allowed: count <= limit, count, retryAfterSeconds: window.retryAfterSeconds });
      return { first: hitOf(counts.first_count, first.limit), second: counts.second_count === null ? null : hitOf(counts.second_count, second.limit) };
    },
  };
}
