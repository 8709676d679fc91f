import "server-only";
import { processSingleton } from "@/lib/server/process-singleton";
import { createSharedCache, type SharedCache } from "@/lib/server/cache/shared-cache";
import type { Database } from "@/lib/server/db/database";
import { sharedDatabase } from "@/lib/server/db";
import { getEnv } from "@/lib/server/env";
import { createRateCounter, type RateCounter } from "@/lib/server/limits/rate-counter";
import { createMailboxStore, type MailboxStore } from "@/lib/server/push/mailbox-store";
import { createPushStore, type PushStore } from "@/lib/server/push/store";
import { createMemoryReadMarkStore, createReadMarkStore, type ReadMarkStore } from "@/lib/server/read-state/store";
import { createSendStore, type SendStore } from "@/lib/server/sends/store";
import { createTeamStore, type TeamStore } from "@/lib/server/team/store";

/**
 * The process's database, as configured (Postgres by DATABASE_URL, else PGlite), opened on first use.
 * The demo (no provider configured) keeps what little it writes (a reply's send record) in memory:
 * it must run where no directory is writable, as on Vercel with no DATABASE_URL.
 */
export function appDatabase(): Promise<Database> {
  const env = getEnv();
  const pgliteDataDir = env.accounts.length === 0 ? undefined : env.PGLITE_DATA_DIR;
  return sharedDatabase({ databaseUrl: env.DATABASE_URL, pgliteDataDir });
}

let counter: RateCounter | undefined;
let team: TeamStore | undefined;
let sends: SendStore | undefined;
let cache: SharedCache | undefined;
let push: PushStore | undefined;
let mailboxes: MailboxStore | undefined;
let readMarks: ReadMarkStore | undefined;

export function rateCounter(): RateCounter {
  counter ??= createRateCounter(appDatabase);
  return counter;
}

export function teamStore(): TeamStore {
  team ??= createTeamStore(appDatabase);
  return team;
}

export function sendStore(): SendStore {
  sends ??= createSendStore(appDatabase);
  return sends;
}

export function sharedCache(): SharedCache {
  cache ??= createSharedCache(appDatabase);
  return cache;
}

export function pushStore(): PushStore {
  push ??= createPushStore(appDatabase);
  return push;
}

export function mailboxStore(): MailboxStore {
  mailboxes ??= createMailboxStore(appDatabase);
  return mailboxes;
}

/** The reps' read marks; the demo's (no provider configured) in this process, for its pages and routes alike. */
export function readMarkStore(): ReadMarkStore {
  readMarks ??= getEnv().accounts.length === 0 ? processSingleton("demo read marks", createMemoryReadMarkStore) : createReadMarkStore(appDatabase);
  return readMarks;
}
