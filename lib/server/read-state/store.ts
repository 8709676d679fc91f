import "server-only";
import { z } from "zod";
import type { Queryable } from "@/lib/server/db/database";

import type { ReadMark } from "@/lib/contracts/read-marks";

export type { ReadMark };
/** A mark as `marksSince` lists it: which conversation, and when it was set. */
export type DatedReadMark = ReadMark & { conversationId: string; markedAt: number };

/** Read state per rep and account, in the database, so the rep's phone and laptop agree. */
export type ReadMarkStore = {
  marksFor(userKey: string, accountId: string, conversationIds: readonly string[]): Promise<Map<string, ReadMark>>;
  mark(userKey: string, accountId: string, conversationId: string, readThrough: number | null, now: number): Promise<void>;
  /** The rep's marks on the account set at or after `since`, oldest first, at most `limit`. */
  marksSince(userKey: string, accountId: string, since: number, limit: number): Promise<DatedReadMark[]>;
};

const rowSchema = z.object({ conversation_id: z.string(), read_through: z.coerce.number().int().nullable() });
const datedRowSchema = rowSchema.extend({ marked_at: z.coerce.number().int() });

/** Where a new mark leaves the read line: unread wins; otherwise it never moves back (a tab that read less, answering late, leaves the newer mark). */
export function nextReadThrough(previous: number | null | undefined, requested: number | null): number | null {
  if (requested === null || previous === null || previous === undefined) return requested;
  return Math.max(previous, requested);
}

/**
 * The demo's marks, in this process: the demo keeps no database (it must run where none is
 * writable), and like its outbox its read state lasts as long as the server.
 */
export function createMemoryReadMarkStore(): ReadMarkStore {
  const marks = new Map<string, DatedReadMark & { userKey: string; accountId: string }>();
  const keyOf = (userKey: string, accountId: string, conversationId: string) => JSON.stringify([userKey, accountId, conversationId]);
  return {
    async marksFor(userKey, accountId, conversationIds) {
      return new Map(conversationIds.flatMap((id) => {
        const mark = marks.get(keyOf(userKey, accountId, id));
        return mark === undefined ? [] : [[id, { readThrough: mark.readThrough }] as const];
      }));
    },
    async mark(userKey, accountId, conversationId, readThrough, now) {
      const key = keyOf(userKey, accountId, conversationId);
      marks.set(key, { userKey, accountId, conversationId, readThrough: nextReadThrough(marks.get(key)?.readThrough, readThrough), markedAt: now });
    },
    async marksSince(userKey, accountId, since, limit) {
      return [...marks.values()]
        .filter((mark) => mark.userKey === userKey && mark.accountId === accountId && mark.markedAt >= since)
        .sort((a, b) => a.markedAt - b.markedAt)
        .slice(0, limit)
        .map(({ conversationId, readThrough, markedAt }) => ({ conversationId, readThrough, markedAt }));
    },
  };
}

export function createReadMarkStore(database: () => Promise<Queryable>): ReadMarkStore {
  return {
    async marksFor(userKey, accountId, conversationIds) {
      if (conversationIds.length === 0) return new Map();
      const rows = await (await database()).query(
        "SELECT conversation_id, read_through FROM read_mark WHERE user_key = $1 AND account_id = $2 AND conversation_id = ANY($3)",
        [userKey, accountId, [...conversationIds]],
      );
      return new Map(rows.map((row) => rowSchema.parse(row)).map((row) => [row.conversation_id, { readThrough: row.read_through }]));
    },

    async mark(userKey, accountId, conversationId, readThrough, now) {
      // nextReadThrough, in SQL.
      await (await database()).query(
        `INSERT INTO read_mark (user_key, account_id, conversation_id, read_through, marked_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (user_key, account_id, conversation_id) DO UPDATE SET
           read_through = CASE
             WHEN EXCLUDED.read_through IS NULL THEN NULL
             WHEN read_mark.read_through IS NULL THEN EXCLUDED.read_through
             ELSE GREATEST(read_mark.read_through, EXCLUDED.read_through)
           END,
           marked_at = EXCLUDED.marked_at`,
        [userKey, accountId, conversationId, readThrough, now],
      );
    },

    async marksSince(userKey, accountId, since, limit) {
      const rows = await (await database()).query(
        `SELECT conversation_id, read_through, marked_at FROM read_mark
         WHERE user_key = $1 AND account_id = $2 AND marked_at >= $3 ORDER BY marked_at LIMIT $4`,
        [userKey, accountId, since, limit],
      );
      return rows.map((row) => datedRowSchema.parse(row)).map((row) => ({ conversationId: row.conversation_id, readThrough: row.read_through, markedAt: row.marked_at }));
    },
  };
}
