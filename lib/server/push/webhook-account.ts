import "server-only";
import { randomBytes } from "node:crypto";
import { webhookFor } from "@/lib/server/accounts";
import { ApiError } from "@/lib/server/errors";
import { isSameSecret } from "@/lib/server/same-secret";
import type { PushProvider, WebhookAccount } from "./webhook-config";

/** Compared against when there is no account, so that case takes as long as a wrong secret. */
const NO_SECRET = randomBytes(32).toString("hex");

/**
 * The account a webhook's path names, or a 404 that is the same whatever is wrong: no such
 * account, another provider's, one without a webhook, or (Linked API, which signs nothing) a
 * secret in the URL that is not the account's.
 */
export function webhookAccountIn(provider: PushProvider, rawParams: Record<string, unknown>): WebhookAccount {
  const accountId = rawParams.accountId;
  const found = typeof accountId === "string" ? webhookFor(accountId) : undefined;
  const account = found?.provider === provider ? found : undefined;
  const secretMatches = provider !== "linkedapi" || isSameSecret(rawParams.secret, account?.secret ?? NO_SECRET);
  if (!account || !secretMatches) throw new ApiError("not_found", "No such webhook.");
  return account;
}
