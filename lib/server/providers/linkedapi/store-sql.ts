import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { syncFailureSchema, syncStateSchema } from "@/lib/contracts/api";
import type { Queryable } from "@/lib/server/db/database";
import { ApiError } from "@/lib/server/errors";
import type { PeopleStore, PersonRecord } from "./store";

// bigint columns come back as strings from node-postgres and as numbers from PGlite.
const epochMs = z.coerce.number().int();

const personRowSchema = z.object({
  id: z.string(),
  account_id: z.string(),
  profile_url: z.string(),
  profile_key: z.string(),
  channel: z.enum(["standard", "salesNavigator"]),
  name: z.string(),
  state: syncStateSchema,
  result_link: z.string().nullable(),
  failure_reason: z.nullable(syncFailureSchema),
  added_at: epochMs,
  updated_at: epochMs,
  synced_at: epochMs.nullable(),
  last_message_text: z.string().nullable(),
  last_message_at: epochMs.nullable(),
  last_message_from_me: z.boolean().nullable(),
});

function toRecord(row: unknown): PersonRecord {
  const r = personRowSchema.parse(row);
  return {
    id: r.id,
    accountId: r.account_id,
    profileUrl: r.profile_url,
    profileKey: r.profile_key,
    channel: r.channel,
    name: r.name,
    state: r.state,
    resultLink: r.result_link,
    failureReason: r.failure_reason,
    addedAt: r.added_at,
    updatedAt: r.updated_at,
    syncedAt: r.synced_at,
    lastMessage:
      r.last_message_at === null ? null : { text: r.last_message_text ?? "", sentAt: r.last_message_at, fromMe: r.last_message_from_me ?? false },
  };
}

/** Short, URL-safe and unguessable: it doubles as the conversation id in our URLs. */
function newId(): string {
  return randomBytes(9).toString("base64url");
}

/**
 * `database` may be a promise-returning function, so the store can be built synchronously at start
 * and the database opened (and migrated) on first use.
 */
export function createPeopleStore(database: Queryable | (() => Promise<Queryable>)): PeopleStore {
  const db: Queryable = typeof database === "function"
    ? {
        query: async (sql, params) => (await database()).query(sql, params),
        exec: async (sql) => (await database()).exec(sql),
      }
    : database;

  async function one(sql: string, params: readonly unknown[]): Promise<PersonRecord | undefined> {
    const [row] = await db.query(sql, params);
    return row === undefined ? undefined : toRecord(row);
  }

  const findByKey: PeopleStore["findByKey"] = (accountId, profileKey, channel) =>
    one("SELECT * FROM people WHERE account_id = $1 AND profile_key = $2 AND channel = $3", [accountId, profileKey, channel]);

  return {
    async list(accountId) {
      const rows = await db.query("SELECT * FROM people WHERE account_id = $1 ORDER BY added_at DESC, id", [accountId]);
      return rows.map(toRecord);
    },

    get: (accountId, id) => one("SELECT * FROM people WHERE account_id = $1 AND id = $2", [accountId, id]),

    findByKey,

    async add(accountId, person, now) {
      const inserted = await one(
        `INSERT INTO people (id, account_id, profile_url, profile_key, channel, name, state, added_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'syncing', $7, $7)
         ON CONFLICT (account_id, profile_key, channel) DO NOTHING
         RETURNING *`,
        [newId(), accountId, person.profileUrl, person.profileKey, person.channel, person.name, now],
      );
      if (inserted) return { person: inserted, created: true };
      const existing = await findByKey(accountId, person.profileKey, person.channel);
      // Removed by another request between our insert and this read.
      if (!existing) throw new ApiError("conflict", "This person was just removed. Add them again.");
      return { person: existing, created: false };
    },

    markSyncing: (accountId, id, resultLink, now) =>
      one(
        `UPDATE people SET state = 'syncing', result_link = $3, failure_reason = NULL, updated_at = $4
         WHERE account_id = $1 AND id = $2 RETURNING *`,
        [accountId, id, resultLink, now],
      ),

    claimTurn: (accountId, seen, now) =>
      one(
        `UPDATE people SET updated_at = $4
         WHERE account_id = $1 AND id = $2 AND state = 'syncing' AND result_link IS NOT DISTINCT FROM $5 AND updated_at = $3 RETURNING *`,
        [accountId, seen.id, seen.updatedAt, now, seen.resultLink],
      ),

    markReady: (accountId, id, now) =>
      one(
        `UPDATE people SET state = 'ready', result_link = NULL, failure_reason = NULL, synced_at = $3, updated_at = $3
         WHERE account_id = $1 AND id = $2 RETURNING *`,
        [accountId, id, now],
      ),

    markFailed: (accountId, id, reason, now) =>
      one(
        `UPDATE people SET state = 'failed', result_link = NULL, failure_reason = $3, updated_at = $4
         WHERE account_id = $1 AND id = $2 RETURNING *`,
        [accountId, id, reason, now],
      ),

    async saveLastMessage(accountId, id, lastMessage, now) {
      // Only ever moves forward: a slow, older answer must not overwrite a newer one.
      await db.query(
        `UPDATE people SET last_message_text = $3, last_message_at = $4, last_message_from_me = $5, updated_at = $6
         WHERE account_id = $1 AND id = $2 AND (last_message_at IS NULL OR last_message_at <= $4)`,
        [accountId, id, lastMessage.text, lastMessage.sentAt, lastMessage.fromMe, now],
      );
    },

    async remove(accountId, id) {
      const rows = await db.query("DELETE FROM people WHERE account_id = $1 AND id = $2 RETURNING id", [accountId, id]);
      return rows.length > 0;
    },
  };
}
