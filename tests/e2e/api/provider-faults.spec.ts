import { expect, test } from "@playwright/test";
import { errorEnvelopeSchema, type ErrorCode } from "@/lib/contracts/errors";
import type { FaultInput } from "../../fake-upstream/faults";
import { addPersonAndWait, clearPeople, LENA_PROFILE_URL, longThreadId } from "../support/accounts";
import { ACCOUNTS } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";
import { LINKUP_V2_FAULT_ROWS } from "../support/linkup-v2-faults";

/**
 * Every provider row of the fault matrix (FAULTS.md): each provider's documented errors, in that
 * provider's own shape, become a code the UI explains (desktop/fault-matrix.spec.ts shows the
 * provider faults' codes on Linkup v2). Enough repeats to outlast the server's own retries.
 */
const TIMES = 20;
type Row = { name: string; account: string; on: "inbox" | "thread"; fault: FaultInput; code: ErrorCode; status: number; retryAfter?: number; providerText?: string };

const inSeconds = (s: number) => new Date(Date.now() + s * 1_000).toISOString();

/** Linkup v2's rows, each on the reads its table entry names. */
const linkupV2Rows = LINKUP_V2_FAULT_ROWS.flatMap(({ name, fault, code, status, retryAfter, apiReads, providerText }) =>
  apiReads.map(
    (on) => (): Row => ({
      name: `Linkup v2: ${name}${apiReads.length > 1 ? ` (${on})` : ""}`,
      account: ACCOUNTS.linkupV2,
      on,
      fault: fault(on === "inbox" ? "list_inbox" : "get_conversation"),
      code,
      status,
      retryAfter,
      providerText,
    }),
  ),
);

const ROWS: (() => Row)[] = [
  ...linkupV2Rows,
  () => ({ name: "Linkup v1: 401 expired login_token", account: ACCOUNTS.linkupV1, on: "inbox", fault: { action: "v1:inbox", status: 401, body: { status: "error", message: "Invalid or expired login_token" }, times: TIMES }, code: "upstream_auth", status: 502 }),
  () => ({ name: "Linkup v1: 200 with status:error (rate limit text)", account: ACCOUNTS.linkupV1, on: "inbox", fault: { action: "v1:inbox", status: 200, body: { status: "error", data: "Rate limiting from LinkedIn, try later" }, times: TIMES }, code: "rate_limited", status: 429 }),
  () => ({ name: "Linkup v1: 500 status:error", account: ACCOUNTS.linkupV1, on: "thread", fault: { action: "v1:conversation", status: 500, body: { status: "error", message: "Internal error" }, times: TIMES }, code: "upstream_error", status: 502 }),
  () => ({ name: "Linkup v1: 404 unknown conversation", account: ACCOUNTS.linkupV1, on: "thread", fault: { action: "v1:conversation", status: 404, body: { status: "error", message: "Conversation not found" }, times: TIMES }, code: "not_found", status: 404 }),
  () => ({ name: "ConnectSafely: 401 Unauthorized", account: ACCOUNTS.connectSafely, on: "inbox", fault: { action: "cs:recent-messages", status: 401, body: { error: "Unauthorized - Invalid credentials" }, times: TIMES }, code: "upstream_auth", status: 502 }),
  () => ({ name: "ConnectSafely: 403 trial expired", account: ACCOUNTS.connectSafely, on: "inbox", fault: { action: "cs:recent-messages", status: 403, body: { success: false, error: "Your trial has expired. Please subscribe to continue using this feature." }, times: TIMES }, code: "upstream_auth", status: 502 }),
  () => ({
    name: "ConnectSafely: 429 until X-RateLimit-Reset",
    account: ACCOUNTS.connectSafely,
    on: "thread",
    fault: { action: "cs:conversation-details", status: 429, body: { success: false, error: "Rate limit exceeded for MESSAGES: 150/150 used." }, headers: { "x-ratelimit-reset": inSeconds(30) }, times: TIMES },
    code: "rate_limited",
    status: 429,
    retryAfter: 30,
  }),
  () => ({ name: "ConnectSafely: 500 Failed to get conversation details", account: ACCOUNTS.connectSafely, on: "thread", fault: { action: "cs:conversation-details", status: 500, body: { success: false, error: "Failed to get conversation details" }, times: TIMES }, code: "upstream_error", status: 502 }),
  () => ({ name: "ConnectSafely: 400 ZodError body", account: ACCOUNTS.connectSafely, on: "thread", fault: { action: "cs:conversation-details", status: 400, body: { success: false, error: { name: "ZodError", issues: [{ code: "invalid_type", path: ["conversationUrn"], message: "Required" }] } }, times: TIMES }, code: "upstream_error", status: 502 }),
  () => ({ name: "Linked API: 401 invalidAccountApiToken (seed generation)", account: ACCOUNTS.linkedApi, on: "thread", fault: { action: "la:get", status: 401, body: { status: "error", error: { errorType: "invalidAccountApiToken", message: "Invalid token" } }, times: TIMES }, code: "upstream_auth", status: 502 }),
  () => ({ name: "Linked API: linkedinAccountSignedOut (current shape)", account: ACCOUNTS.linkedApi, on: "thread", fault: { action: "la:get", status: 403, body: { success: false, error: { type: "linkedinAccountSignedOut", message: "Signed out" } }, times: TIMES }, code: "upstream_auth", status: 502 }),
  () => ({ name: "Linked API: 429 tooManyRequests", account: ACCOUNTS.linkedApi, on: "thread", fault: { action: "la:get", status: 429, body: { success: false, error: { type: "tooManyRequests", message: "Slow down" } }, times: TIMES }, code: "rate_limited", status: 429 }),
  () => ({ name: "Linked API: 500", account: ACCOUNTS.linkedApi, on: "inbox", fault: { action: "la:get", status: 500, body: { status: "error", error: { errorType: "internalError", message: "oops" } }, times: TIMES }, code: "upstream_error", status: 502 }),
];

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
  await clearPeople(request);
});

for (const [index, makeRow] of ROWS.entries()) {
  const { name } = makeRow();
  test(`provider fault: ${name}`, async ({ request }) => {
    const row = makeRow();
    const conversationId = row.account === ACCOUNTS.linkedApi ? (await addPersonAndWait(request, LENA_PROFILE_URL)).id : await longThreadId(request, row.account);
    await fakeUpstream(request).fail(row.fault);
    // A page size of the row's own: the inbox's first page is shared for 4 s (the head cache),
    // and the previous row's last read of the same account may be this row's first.
    const limit = `limit=${10 + index}`;
    const url =
      row.on === "inbox"
        ? `/api/accounts/${row.account}/conversations?${limit}`
        : `/api/accounts/${row.account}/conversations/${encodeURIComponent(conversationId)}/messages?${limit}`;
    const response = await request.get(url);
    expect(response.status()).toBe(row.status);
    const { error } = errorEnvelopeSchema.parse(await response.json());
    expect(error.code).toBe(row.code);
    // Our words, never the provider's body.
    expect(error.message).not.toMatch(/Invalid or expired login_token|Unauthorized - Invalid|Your trial has expired|Signed out$|oops|Failed to get conversation/);
    if (row.providerText !== undefined) expect(error.message).not.toContain(row.providerText);
    if (row.retryAfter !== undefined) {
      expect(error.retryAfter).toBeGreaterThanOrEqual(row.retryAfter - 3);
      expect(error.retryAfter).toBeLessThanOrEqual(row.retryAfter);
      expect(Number(response.headers()["retry-after"])).toBe(error.retryAfter);
    }
    // Lifted: the same request works again at once.
    await fakeUpstream(request).clearFaults();
    expect((await request.get(url)).status()).toBe(200);
  });
}
