import "server-only";
import type { Database } from "./database";
import { migrate } from "./migrate";
import { openPglite } from "./pglite";
import { openPostgres } from "./postgres";

/** `databaseUrl` wins; else PGlite in `pgliteDataDir`, or in memory without one (tests, bench). */
export type DatabaseConfig = { databaseUrl?: string; pgliteDataDir?: string };

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const db = config.databaseUrl ? openPostgres(config.databaseUrl) : await openPglite(config.pgliteDataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}

// Kept on globalThis so `next dev` reloading this module never opens a second PGlite on one directory.
const holder = globalThis as typeof globalThis & { __threadlineDatabase?: Promise<Database> };

/** The process's one database, opened (and migrated) on first use. */
export function sharedDatabase(config: DatabaseConfig): Promise<Database> {
  holder.__threadlineDatabase ??= openDatabase(config).catch((error: unknown) => {
    holder.__threadlineDatabase = undefined;
    throw error;
  });
  return holder.__threadlineDatabase;
}
