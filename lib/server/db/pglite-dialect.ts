import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import {
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from "kysely";

/**
 * Kysely over the embedded PGlite, for libraries that speak Kysely (Better Auth). Without
 * transactions on purpose: PGlite has one connection, so a transaction held open by a library
 * would block every other query of ours (a hook reading our tables would wait on itself).
 * Kysely's own PGlite dialect needs kysely 0.29, which needs Node 22.
 */
export class PgliteDialect implements Dialect {
  constructor(private readonly pglite: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PgliteDriver(this.pglite);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}

class PgliteDriver implements Driver {
  private readonly connection: DatabaseConnection;
  constructor(private readonly pglite: PGlite) {
    this.connection = {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        const result = await pglite.query<R>(query.sql, [...query.parameters], { rowMode: "object" });
        return { rows: result.rows, ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}) };
      },
      streamQuery: () => {
        throw new Error("PGlite: streaming queries are not supported");
      },
    };
  }
  async init() {
    await this.pglite.waitReady;
  }
  async acquireConnection() {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error("PGlite: transactions through Kysely are not supported (see PgliteDialect)");
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection() {}
  // The database's owner (lib/server/db) closes PGlite.
  async destroy() {}
}
