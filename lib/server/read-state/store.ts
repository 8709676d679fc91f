import "server-only";
import { z } from "zod";
import type { Queryable } from "@/lib/server/db/database";

/** A rep's mark on a conversation: read through the message sent at `readThrough`, or (null) marked unread. */
export type ReadMark = { readThrough: number | null };

/** Read state per rep and account, in the database, so the rep's phone and laptop agree. */
export type ReadMarkStore = {
  marksFor(userKey: string, accountId: string, conversationIds: readonly string[]): Promise<Map<string, ReadMark>>;
  mark(userKey: string, accountId: string, conversationId: string, readThrough: number | null, now: number): Promise<void>;
};

const rowSchema = z.object({ conversation_id: z.string(), read_through: z.coerce.number().int().nullable() });

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
  const marks = new Map<string, ReadMark>();
  const keyOf = (userKey: string, accountId: string, conversationId: string) => JSON.stringify([userKey, accountId, conversationId]);
  return {
    async marksFor(userKey, accountId, conversationIds) {
      return new Map(conversationIds.flatMap((id) => {
        const mark = marks.get(keyOf(userKey, accountId, id));
        return mark === undefined ? [] : [[id, mark] as const];
      }));
    },
    async mark(userKey, accountId, conversationId, readThrough) {
      const key = keyOf(userKey, accountId, conversationId);
      marks.set(key, { readThrough: nextReadThrough(marks.get(key)?.readThrough, readThrough) });
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
  };
}
