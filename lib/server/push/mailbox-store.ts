import "server-only";
import { z } from "zod";
import type { Queryable } from "@/lib/server/db/database";

/**
 * The mailbox URN (`urn:li:fsd_profile:…`) a ConnectSafely account's conversation ids carry, as
 * its inbox served them: its webhooks name only the thread (see connectsafely-ids.ts). In the
 * database, so a webhook reaching any instance can use what another instance's inbox read saw.
 */
export type MailboxStore = {
  remember(accountId: string, mailboxUrn: string, now: number): Promise<void>;
  mailboxOf(accountId: string): Promise<string | undefined>;
};

const row = z.object({ mailbox_urn: z.string() });

export function createMailboxStore(database: () => Promise<Queryable>): MailboxStore {
  return {
    async remember(accountId, mailboxUrn, now) {
      await (await database()).query(
        `INSERT INTO push_mailbox (account_id, mailbox_urn, seen_at) VALUES ($1, $2, $3)
         ON CONFLICT (account_id) DO UPDATE SET mailbox_urn = $2, seen_at = $3`,
        [accountId, mailboxUrn, now],
      );
    },

    async mailboxOf(accountId) {
      const [found] = await (await database()).query("SELECT mailbox_urn FROM push_mailbox WHERE account_id = $1", [accountId]);
      return found === undefined ? undefined : row.parse(found).mailbox_urn;
    },
  };
}
