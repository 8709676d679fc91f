import "server-only";
import type { ChangesResponse } from "@/lib/contracts/api";
import { webhookFor } from "@/lib/server/accounts";
import { pushStore } from "@/lib/server/app-database";
import { ApiError } from "@/lib/server/errors";
import type { PushStore } from "./store";

/**
 * How far each answer reaches back before `since`: a delivery stamped just before the previous
 * answer's `checkedAt`, but stored while that answer was being read, is in this one.
 */
export const CHANGES_OVERLAP_MS = 5_000;
/** More changed conversations than this in one answer: the client reloads the inbox instead. */
const MAX_CHANGES = 200;

/**
 * What the account's webhooks announced since `since`, from our database only: no provider call,
 * no credits. Only for an account with a webhook: any other has nothing here, ever.
 */
export async function getChanges(accountId: string, since: number, store: PushStore = pushStore(), now: () => number = Date.now): Promise<ChangesResponse> {
  if (!webhookFor(accountId)) {
    throw new ApiError("bad_request", "This account has no webhook: its new messages are found by asking the provider.");
  }
  const checkedAt = now();
  const changes = await store.changesSince(accountId, Math.max(0, since - CHANGES_OVERLAP_MS), MAX_CHANGES + 1);
  return { changes: changes.slice(0, MAX_CHANGES), checkedAt, ...(changes.length > MAX_CHANGES ? { truncated: true } : {}) };
}
