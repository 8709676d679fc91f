import "server-only";
import { z } from "zod";
import { messageSchema, type Message } from "@/lib/contracts/api";
import type { Queryable } from "@/lib/server/db/database";

export type SendState = "sending" | "sent" | "pending" | "unconfirmed" | "failed";

export type ConfirmedSend = { text: string; id: string | null };

/** One reply, keyed by (account, clientId), as recorded before and after the provider was called. */
export type SendRecord = {
  accountId: string;
  clientId: string;
  conversationId: string;
  userId: string | null;
  text: string;
  subject: string | null;
  state: SendState;
  attempts: number;
  /** The provider's job (Linked API workflow) while `pending`. */
  jobRef: string | null;
  message: Message | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: number;
  updatedAt: number;
};

const epochMs = z.coerce.number().int();
const rowSchema = z.object({
  account_id: z.string(),
  client_id: z.string(),
  conversation_id: z.string(),
  user_id: z.string().nullable(),
  text: z.string(),
  subject: z.string().nullable(),
  state: z.enum(["sending", "sent", "pending", "unconfirmed", "failed"]),
  attempts: z.coerce.number().int(),
  job_ref: z.string().nullable(),
  // jsonb comes back parsed from both node-postgres and PGlite.
  message: z.nullable(messageSchema),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  created_at: epochMs,
  updated_at: epochMs,
});

function toRecord(row: unknown): SendRecord {
  const r = rowSchema.parse(row);
  return {
    accountId: r.account_id,
    clientId: r.client_id,
    conversationId: r.conversation_id,
    userId: r.user_id,
    text: r.text,
    subject: r.subject,
    state: r.state,
    attempts: r.attempts,
    jobRef: r.job_ref,
    message: r.message,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export type NewSend = Pick<SendRecord, "accountId" | "clientId" | "conversationId" | "userId" | "text" | "subject">;
export type Settlement = { state: Exclude<SendState, "sending">; jobRef?: string | null; message?: Message | null; errorCode?: string | null; errorMessage?: string | null };

/**
 * The send records. Every change that decides who calls the provider is one conditional statement,
 * so of any number of simultaneous requests for one clientId exactly one gets to send.
 */
export function createSendStore(database: () => Promise<Queryable>) {
  async function one(sql: string, params: readonly unknown[]): Promise<SendRecord | undefined> {
    const [row] = await (await database()).query(sql, params);
    return row === undefined ? undefined : toRecord(row);
  }

  return {
    /** Records a new send as `sending`; `created` is false when the clientId was known already. */
    async claim(send: NewSend, now: number): Promise<{ record: SendRecord; created: boolean }> {
      const inserted = await one(
        `INSERT INTO message_send (account_id, client_id, conversation_id, user_id, text, subject, state, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'sending', $7, $7)
         ON CONFLICT (account_id, client_id) DO NOTHING RETURNING *`,
        [send.accountId, send.clientId, send.conversationId, send.userId, send.text, send.subject, now],
      );
      if (inserted) return { record: inserted, created: true };
      const existing = await this.get(send.accountId, send.clientId);
      if (!existing) throw new Error("a send record vanished between its insert and its read");
      return { record: existing, created: false };
    },

    /** Other sends of this conversation confirmed since `since`: their words, and the message id their answer named (if any). */
    async confirmedSends(accountId: string, conversationId: string, since: number): Promise<ConfirmedSend[]> {
      const rows = await (await database()).query(
        "SELECT text, message->>'id' AS id FROM message_send WHERE account_id = $1 AND conversation_id = $2 AND created_at >= $3 AND state = 'sent'",
        [accountId, conversationId, since],
      );
      return rows.map((row) => z.object({ text: z.string(), id: z.string().nullable() }).parse(row));
    },

    get: (accountId: string, clientId: string) => one("SELECT * FROM message_send WHERE account_id = $1 AND client_id = $2", [accountId, clientId]),

    /** Takes a send back to `sending` for another attempt, only if nobody changed it since `seen`. */
    retake: (seen: SendRecord, now: number) =>
      one(
        `UPDATE message_send SET state = 'sending', attempts = attempts + 1, job_ref = NULL, error_code = NULL, error_message = NULL, updated_at = $5
         WHERE account_id = $1 AND client_id = $2 AND state = $3 AND updated_at = $4 AND attempts = $6 RETURNING *`,
        [seen.accountId, seen.clientId, seen.state, seen.updatedAt, now, seen.attempts],
      ),

    /** Records what came of an attempt (or of a check), only if the send is still as `seen`. */
    settle: (seen: SendRecord, settlement: Settlement, now: number) =>
      one(
        `UPDATE message_send SET state = $5, job_ref = $6, message = $7, error_code = $8, error_message = $9, updated_at = $10
         WHERE account_id = $1 AND client_id = $2 AND state = $3 AND updated_at = $4 AND attempts = $11 RETURNING *`,
        [
          seen.accountId,
          seen.clientId,
          seen.state,
          seen.updatedAt,
          settlement.state,
          settlement.jobRef ?? null,
          settlement.message === undefined || settlement.message === null ? null : JSON.stringify(settlement.message),
          settlement.errorCode ?? null,
          settlement.errorMessage ?? null,
          now,
          seen.attempts,
        ],
      ),
  };
}

export type SendStore = ReturnType<typeof createSendStore>;
