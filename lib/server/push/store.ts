import "server-only";
import { z } from "zod";
import type { Queryable } from "@/lib/server/db/database";

/** One webhook delivery we accepted: which conversation (our id) got a message, and when. Times are epoch ms. */
export type PushEvent = { accountId: string; eventId: string; conversationId: string; sentAt: number; receivedAt: number };

/** A conversation with something new: its newest announced message time. */
export type Change = { conversationId: string; sentAt: number };

export type PushStore = {
  /** True when the event is new; a replay (same account and event id) stores nothing and is false. */
  record(event: PushEvent): Promise<boolean>;
  /** Each conversation announced by an event received at or after `since`, newest first, at most `limit`. */
  changesSince(accountId: string, since: number, limit: number): Promise<Change[]>;
  /** Forgets events received before `before`; answers how many. */
  sweep(before: number): Promise<number>;
};

/**
 * How long an event is kept: a day (Linked API retries a delivery for hours, and one older than a
 * day is refused as stale anyway), plus an hour for the provider's clock to differ from ours. A
 * replay is recognised for as long as it is not stale.
 */
export const PUSH_EVENT_KEEP_MS = 25 * 60 * 60_000;
const SWEEP_EVERY = 200;

const changeRow = z.object({ conversation_id: z.string(), sent_at: z.coerce.number().int() });

export function createPushStore(database: () => Promise<Queryable>, now: () => number = Date.now): PushStore {
  let recorded = 0;

  async function sweep(before: number): Promise<number> {
    const rows = await (await database()).query("DELETE FROM push_event WHERE received_at < $1 RETURNING event_id", [before]);
    return rows.length;
  }

  return {
    async record(event) {
      const db = await database();
      const inserted = await db.query(
        `INSERT INTO push_event (account_id, event_id, conversation_id, sent_at, received_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (account_id, event_id) DO NOTHING
         RETURNING event_id`,
        [event.accountId, event.eventId, event.conversationId, event.sentAt, event.receivedAt],
      );
      if (++recorded % SWEEP_EVERY === 0) await sweep(now() - PUSH_EVENT_KEEP_MS);
      return inserted.length > 0;
    },

    async changesSince(accountId, since, limit) {
      const rows = await (await database()).query(
        `SELECT conversation_id, max(sent_at) AS sent_at FROM push_event
         WHERE account_id = $1 AND received_at >= $2
         GROUP BY conversation_id
         ORDER BY max(sent_at) DESC, conversation_id
         LIMIT $3`,
        [accountId, since, limit],
      );
      return rows.map((row) => {
        const parsed = changeRow.parse(row);
        return { conversationId: parsed.conversation_id, sentAt: parsed.sent_at };
      });
    },

    sweep,
  };
}
