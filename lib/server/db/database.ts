import "server-only";
import type { Dialect } from "kysely";

/** What the stores need from a Postgres connection: parameterised queries and multi-statement scripts. */
export interface Queryable {
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of several statements (migrations); no parameters. */
  exec(sql: string): Promise<void>;
}

/**
 * A Postgres database: a real server (`DATABASE_URL`, e.g. Neon or Vercel Postgres) or the embedded
 * PGlite default. Both speak the same SQL, so stores and migrations are written once.
 */
export interface Database extends Queryable {
  readonly kind: "postgres" | "pglite";
  /** The same database for libraries that speak Kysely (Better Auth); transactions only on a real server. */
  readonly dialect: { kysely: Dialect; transactions: boolean };
  /** Runs `work` on one connection inside a transaction: committed if it resolves, rolled back if not. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
