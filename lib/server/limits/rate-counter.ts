import "server-only";
import { z } from "zod";
import type { Queryable } from "@/lib/server/db/database";

export type Hit = { allowed: boolean; count: number; retryAfterSeconds: number };

/**
 * Fixed-window counters in the database, so a limit holds across every serverless instance: one
 * upsert per hit, counted atomically by Postgres. Old windows are swept now and then.
 */
export type RateCounter = { hit(key: string, limit: number, windowMs: number): Promise<Hit> };

const countRow = z.object({ count: z.coerce.number().int() });
const SWEEP_EVERY = 500;
const KEEP_MS = 24 * 60 * 60_000;

export function createRateCounter(database: () => Promise<Queryable>, now: () => number = Date.now): RateCounter {
  let hits = 0;
  return {
    async hit(key, limit, windowMs) {
      const db = await database();
      const at = now();
      const windowStart = at - (at % windowMs);
      const [row] = await db.query(
        `INSERT INTO rate_counter (key, window_start, count) VALUES ($1, $2, 1)
         ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counter.count + 1
         RETURNING count`,
        [key, windowStart],
      );
      if (++hits % SWEEP_EVERY === 0) await db.query("DELETE FROM rate_counter WHERE window_start < $1", [at - KEEP_MS]);
      const { count } = countRow.parse(row);
      return { allowed: count <= limit, count, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - at) / 1000)) };
    },
  };
}
