import "server-only";
import { z } from "zod";
import type { Queryable } from "@/lib/server/db/database";
import { abortableSleep } from "@/lib/server/http/abortable-sleep";

/**
 * A short-lived cache of provider reads, in the database so that it holds across serverless
 * instances: one row per key (account and question) with when it was fetched and what came back.
 * When a row is stale, one instance claims it (a conditional update) and asks the provider; the
 * others wait for its answer instead of asking too. Never shared across accounts: the key says which.
 */
export type SharedCache = {
  /** `fresh`: this request asked the provider (its cost was this request's); else another's answer. */
  read<T>(key: string, ttlMs: number, schema: z.core.$ZodType<T>, fetch: () => Promise<T>, signal: AbortSignal): Promise<{ value: T; fetchedAt: number; fresh: boolean }>;
  /**
   * Drops every answer under `prefix` that may predate a change made at `changedAt` (default: now):
   * those fetched before it, and those being fetched since before it (their answer is then given to
   * whoever asked, but not kept). What changed (a send, a person, a finished sync) shows at once.
   */
  forget(prefix: string, changedAt?: number): Promise<void>;
};

/**
 * How long a claim holds: as long as the route that reads may run (its maxDuration, 30 s), so a
 * slow provider's retries never outlive the claim and set every waiter asking it too. A crashed
 * claimer frees it after this.
 */
const CLAIM_MS = 30_000;
/** How often a waiting request looks whether the claimer has answered. */
const WAIT_STEP_MS = 100;

const rowSchema = z.object({ fetched_at: z.coerce.number(), value: z.unknown(), claimed_until: z.coerce.number().nullable() });

export function createSharedCache(database: () => Promise<Queryable>, now: () => number = Date.now): SharedCache {
  async function row(db: Queryable, key: string) {
    const [found] = await db.query("SELECT fetched_at, value, claimed_until FROM upstream_cache WHERE key = $1", [key]);
    return found === undefined ? undefined : rowSchema.parse(found);
  }

  return {
    async forget(prefix, changedAt = now()) {
      const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      await (await database()).query(
        `UPDATE upstream_cache SET value = NULL, fetched_at = 0, claimed_until = NULL
         WHERE key LIKE $1 AND (CASE WHEN claimed_until IS NULL THEN fetched_at ELSE claimed_until - $3 END) <= $2`,
        [like, changedAt, CLAIM_MS],
      );
    },

    async read(key, ttlMs, schema, fetch, signal) {
      const db = await database();
      const asked = now();
      const deadline = asked + CLAIM_MS;
      for (;;) {
        const current = await row(db, key);
        if (current && current.value !== null && now() - current.fetched_at < ttlMs) {
          const cached = z.safeParse(schema, current.value);
          // A row written by an older version of the code is simply fetched again.
          if (cached.success) return { value: cached.data, fetchedAt: current.fetched_at, fresh: false };
        }
        const at = now();
        const claimed = await db.query(
          `INSERT INTO upstream_cache (key, fetched_at, value, claimed_until) VALUES ($1, 0, NULL, $2)
           ON CONFLICT (key) DO UPDATE SET claimed_until = $2
           WHERE upstream_cache.claimed_until IS NULL OR upstream_cache.claimed_until < $3
           RETURNING key`,
          [key, at + CLAIM_MS, at],
        );
        if (claimed.length > 0) {
          // Written back only while the claim is still ours: a `forget` meanwhile drops it.
          const claim = at + CLAIM_MS;
          try {
            const value = await fetch();
            const fetchedAt = now();
            await db.query("UPDATE upstream_cache SET value = $2, fetched_at = $3, claimed_until = NULL WHERE key = $1 AND claimed_until = $4", [
              key,
              JSON.stringify(value),
              fetchedAt,
              claim,
            ]);
            return { value, fetchedAt, fresh: true };
          } catch (error) {
            // Failures are not kept: the next request asks again.
            await db.query("UPDATE upstream_cache SET claimed_until = NULL WHERE key = $1 AND claimed_until = $2", [key, claim]);
            throw error;
          }
        }
        // Another request is asking the provider: wait for its answer rather than asking too.
        if (now() > deadline) return { value: await fetch(), fetchedAt: now(), fresh: true };
        await abortableSleep(WAIT_STEP_MS, signal);
      }
    },
  };
}
