import "server-only";
import { mailboxStore } from "@/lib/server/app-database";
import { logEvent } from "@/lib/server/log";

/**
 * What a ConnectSafely adapter calls with the mailbox its inbox's conversation ids carry: kept in
 * the database for the webhook route. A failure to keep it never fails the inbox read (the next
 * instance to read the inbox tries again; meanwhile a webhook's conversation keeps the thread form).
 */
export function mailboxLearner(accountId: string): (mailboxUrn: string) => Promise<void> {
  return async (mailboxUrn) => {
    try {
      await mailboxStore().remember(accountId, mailboxUrn, Date.now());
    } catch (error) {
      logEvent("push_mailbox_unsaved", { name: error instanceof Error ? error.name : typeof error }, "error");
    }
  };
}
