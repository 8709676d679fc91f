import "server-only";
import type { WebhookAnswer } from "@/lib/contracts/api";
import { appDatabase, mailboxStore, pushStore } from "@/lib/server/app-database";
import { ApiError } from "@/lib/server/errors";
import { forgetInboxHead } from "@/lib/server/inbox";
import { logEvent } from "@/lib/server/log";
import { createPeopleStore } from "@/lib/server/providers/linkedapi/store-sql";
import { receiveConnectSafely } from "./connectsafely-webhook";
import type { PushDeps } from "./deps";
import { receiveLinkedApi } from "./linkedapi-webhook";
import type { WebhookAccount } from "./webhook-config";

/** The named server functions behind the webhook routes, with the app's database. */

let deps: PushDeps | undefined;

function pushDeps(): PushDeps {
  deps ??= { events: pushStore(), mailboxes: mailboxStore(), people: createPeopleStore(appDatabase), now: Date.now };
  return deps;
}

export function connectSafelyDelivery(account: WebhookAccount, body: Uint8Array, signature: string | null): Promise<WebhookAnswer> {
  return logged(account, receiveConnectSafely(pushDeps(), account, body, signature));
}

export function linkedApiDelivery(account: WebhookAccount, body: Uint8Array): Promise<WebhookAnswer> {
  return logged(account, receiveLinkedApi(pushDeps(), account, body));
}

/**
 * One line per delivery: which account, and what became of it (never its contents, never a secret).
 * A stored one drops the account's shared inbox answer: the reads it prompts must see the news.
 */
async function logged(account: WebhookAccount, receiving: Promise<WebhookAnswer>): Promise<WebhookAnswer> {
  try {
    const answer = await receiving;
    if (answer.stored) await forgetInboxHead(account.id);
    logEvent("webhook", { provider: account.provider, account: account.id, outcome: answer.stored ? "stored" : (answer.ignored ?? "replay") });
    return answer;
  } catch (error) {
    logEvent("webhook", { provider: account.provider, account: account.id, outcome: error instanceof ApiError ? error.code : "failed" }, "error");
    throw error;
  }
}
