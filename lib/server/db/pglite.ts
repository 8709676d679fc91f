import "server-only";
import { PGlite } from "@electric-sql/pglite";
import type { Database, Queryable } from "./database";
import { PgliteDialect } from "./pglite-dialect";

/**
 * The embedded default: Postgres compiled to WebAssembly, in this process, so `npm run dev` needs
 * nothing installed. `dataDir` persists it on disk; without one it lives in memory (tests).
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const over = (target: Pick<PGlite, "query" | "exec">): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<T>(sql, [...params])).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  return {
    kind: "pglite",
    dialect: { kysely: new PgliteDialect(db), transactions: false },
    ...over(db),
    transaction: (work) => db.transaction((tx) => work(over(tx))),
    close: () => db.close(),
  };
}
