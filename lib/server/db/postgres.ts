import "server-only";
import { PostgresDialect } from "kysely";
import { Pool, type PoolClient } from "pg";
import type { Database, Queryable } from "./database";

/** A real PostgreSQL server (production: `DATABASE_URL`), through a small pool. */
export function openPostgres(connectionString: string): Database {
  // Serverless instances are many and short-lived: a few connections each is plenty.
  const pool = new Pool({ connectionString, max: 4, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 5_000 });
  // An idle connection dropped by the server (Neon and Vercel Postgres close idle ones) is an
  // 'error' event on the pool; unheard, it would crash the process. The pool replaces it.
  pool.on("error", (error) => console.error("[db] idle connection lost:", error.message));
  const over = (target: Pool | PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await target.query(sql, [...params])).rows as T[];
    },
    async exec(sql: string) {
      await target.query(sql);
    },
  });
  return {
    kind: "postgres",
    dialect: { kysely: new PostgresDialect({ pool }), transactions: true },
    ...over(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(over(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
