import "server-only";
import type { ChangesResponse } from "@/lib/contracts/api";
import { webhookFor } from "@/lib/server/accounts";
import { pushStore } from "@/lib/server/app-database";
import { ApiError } from "@/lib/server/errors";
import { readSince } from "@/lib/server/since-window";
import { PUSH_EVENT_KEEP_MS, type PushStore } from "./store";

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
  const { items, ...window } = await readSince(since, MAX_CHANGES, (from, limit) => store.changesSince(accountId, from, limit), now);
  // Older than what we keep (a tab asleep for days): what was swept is unknown, so say so.
  return { changes: items, ...window, ...(since < window.checkedAt - PUSH_EVENT_KEEP_MS ? { truncated: true as const } : {}) };
}
