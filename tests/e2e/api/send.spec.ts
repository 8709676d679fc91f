import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { sendResultSchema, type SendResult } from "@/lib/contracts/api";
import { errorEnvelopeSchema } from "@/lib/contracts/errors";
import { clearPeople, longThreadId, messagesSince } from "../support/accounts";
import { ACCOUNTS, E2E } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";

/**
 * Replies through our API, on every provider: a clientId reaches the provider exactly once however
 * often and however simultaneously it is posted; a provider that took the message but answered too
 * late is "unconfirmed", and the same clientId later finds it sent; bad text is a 400 before any
 * provider call.
 */
const SENDERS = [
  { name: "Linkup v2", account: ACCOUNTS.linkupV2, operation: "send" },
  { name: "Linkup v1", account: ACCOUNTS.linkupV1, operation: "v1:send-message" },
  { name: "ConnectSafely", account: ACCOUNTS.connectSafely, operation: "cs:send" },
  { name: "Linked API", account: ACCOUNTS.linkedApi, operation: "la:workflows" },
] as const;

const enc = encodeURIComponent;
const replyUrl = (account: string, conversationId: string) => `/api/accounts/${account}/conversations/${enc(conversationId)}/messages`;

async function post(request: APIRequestContext, url: string, body: Record<string, unknown>): Promise<APIResponse> {
  return request.post(url, { data: body });
}

async function resultOf(response: APIResponse): Promise<SendResult> {
  expect(response.status(), await response.text()).toBe(200);
  return sendResultSchema.parse(await response.json());
}

async function callsOf(request: APIRequestContext, operation: string): Promise<number> {
  return (await fakeUpstream(request).stats()).calls[operation] ?? 0;
}

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
  await clearPeople(request);
});

for (const sender of SENDERS) {
  test(`${sender.name}: one clientId, posted 5 times at once and 5 times in a row, reaches the provider once and shows once`, async ({ request }) => {
    test.setTimeout(60_000);
    const conversationId = await longThreadId(request, sender.account);
    const url = replyUrl(sender.account, conversationId);
    const body = { text: `Tuesday at 10 works — ${randomUUID().slice(0, 8)}`, clientId: randomUUID() };
    const startedAt = Date.now();
    const before = await callsOf(request, sender.operation);

    const together = await Promise.all(Array.from({ length: 5 }, () => post(request, url, body)));
    for (const response of together) expect(["sent", "pending"]).toContain((await resultOf(response)).status);
    const inARow: SendResult[] = [];
    for (let i = 0; i < 5; i++) inARow.push(await resultOf(await post(request, url, body)));
    // A slow provider (Linked API's workflow) is still sending: the same clientId, asked again, says when it is done.
    await expect.poll(async () => (await resultOf(await post(request, url, body))).status, { timeout: 20_000, intervals: [500] }).toBe("sent");

    expect((await callsOf(request, sender.operation)) - before).toBe(1);
    const final = await resultOf(await post(request, url, body));
    await expect
      .poll(async () => (await messagesSince(request, sender.account, conversationId, startedAt - 60_000)).filter((m) => m.text === body.text).length, { timeout: 15_000 })
      .toBe(1);
    const shown = (await messagesSince(request, sender.account, conversationId, startedAt - 60_000)).find((m) => m.text === body.text);
    expect(shown?.fromMe).toBe(true);
    // Where the provider names the message, our answer names the one the thread shows.
    if (final.message) expect(final.message.id).toBe(shown?.id);
  });
}

test("Linked API: a workflow whose status cannot be read stays pending, one whose token is refused is unconfirmed, one LinkedIn refused fails for good; none is sent twice", async ({ request }) => {
  test.setTimeout(60_000);
  const upstream = fakeUpstream(request);
  const conversationId = await longThreadId(request, ACCOUNTS.linkedApi);
  const url = replyUrl(ACCOUNTS.linkedApi, conversationId);

  const slow = { text: `Status unreadable for a while ${randomUUID().slice(0, 8)}`, clientId: randomUUID() };
  expect((await resultOf(await post(request, url, slow))).status).toBe("pending");
  // Every attempt of the next recheck's status read fails: the send itself is not in question.
  await upstream.fail({ action: "la:workflow-status", status: 503, times: 3 });
  // It says when to ask again: each ask is a provider call, and the failure needs time to pass.
  expect(await resultOf(await post(request, url, slow))).toEqual({ status: "pending", message: null, retryAfter: 10 });
  await expect.poll(async () => (await resultOf(await post(request, url, slow))).status, { timeout: 20_000, intervals: [500] }).toBe("sent");

  const cut = { text: `Token refused mid-send ${randomUUID().slice(0, 8)}`, clientId: randomUUID() };
  expect((await resultOf(await post(request, url, cut))).status).toBe("pending");
  await upstream.fail({ action: "la:workflow-status", status: 401, body: { success: false, error: { type: "invalidLinkedApiToken", message: "Invalid token" } }, times: 1 });
  expect(await resultOf(await post(request, url, cut))).toEqual({ status: "unconfirmed", message: null });
  // The workflow went on: asking again finds the message in the thread.
  await expect.poll(async () => (await resultOf(await post(request, url, cut))).status, { timeout: 20_000, intervals: [500] }).toBe("sent");

  // A workflow that ended refused by LinkedIn's action limit: final, and never in our own rate
  // limit's words (the browser keeps asking about those, and each ask would send it again).
  const limited = { text: `Over the daily limit ${randomUUID().slice(0, 8)}`, clientId: randomUUID() };
  expect((await resultOf(await post(request, url, limited))).status).toBe("pending");
  await upstream.fail({ action: "la:workflow-status", status: 200, body: { success: true, result: { workflowStatus: "failed", failure: { reason: "limitExceeded", message: "Limit exceeded" } } }, times: 1 });
  const refusal = await post(request, url, limited);
  expect(refusal.status()).toBe(502);
  expect(errorEnvelopeSchema.parse(await refusal.json()).error.code).toBe("upstream_error");

  expect(await callsOf(request, "la:workflows")).toBe(3);
});

test("a provider that took the message but answered too late: unconfirmed, never sent again, and the same clientId later finds it sent", async ({ request }) => {
  const upstream = fakeUpstream(request);
  const conversationId = await longThreadId(request, ACCOUNTS.linkupV2);
  const url = replyUrl(ACCOUNTS.linkupV2, conversationId);
  const body = { text: `Sent through a slow line ${randomUUID().slice(0, 8)}`, clientId: randomUUID() };
  // Longer than our per-attempt timeout: we give up, the provider still applies the send after the wait.
  await upstream.fail({ action: "send", kind: "delay", delayMs: E2E.upstreamTimeoutMs + 1_500, times: 1 });
  const first = await resultOf(await post(request, url, body));
  expect(first).toEqual({ status: "unconfirmed", message: null });

  // The provider did get it: it shows in the thread (the truth, read from the fake itself)…
  await expect
    .poll(async () => {
      const response = await request.get(`${E2E.fakeUpstreamUrl}/__control/thread?id=${enc(conversationId)}`);
      const { messages } = (await response.json()) as { messages: { text: string }[] };
      return messages.filter((m) => m.text === body.text).length;
    })
    .toBe(1);
  // …so asking again with the same clientId checks the thread and answers sent, without sending again.
  const again = await resultOf(await post(request, url, body));
  expect(again.status).toBe("sent");
  expect(again.message?.text).toBe(body.text);
  expect(await callsOf(request, "send")).toBe(1);
});

test("a provider's definite refusal answers its error and sends nothing; Retry with the same clientId sends it once", async ({ request }) => {
  const upstream = fakeUpstream(request);
  const conversationId = await longThreadId(request, ACCOUNTS.linkupV2);
  const url = replyUrl(ACCOUNTS.linkupV2, conversationId);
  const body = { text: `Retry me ${randomUUID().slice(0, 8)}`, clientId: randomUUID() };
  await upstream.fail({ action: "send", status: 402, body: { success: false, error: { code: "INSUFFICIENT_CREDITS", message: "No credits left" } }, times: 1 });
  const refused = await post(request, url, body);
  expect(refused.status()).toBe(502);
  expect(errorEnvelopeSchema.parse(await refused.json()).error.code).toBe("credits_exhausted");

  const retried = await resultOf(await post(request, url, body));
  expect(retried.status).toBe("sent");
  expect(await resultOf(await post(request, url, body))).toEqual(retried);
  // The refused call and the one that went: nothing more.
  expect(await callsOf(request, "send")).toBe(2);
  const shown = await messagesSince(request, ACCOUNTS.linkupV2, conversationId, Date.now() - 60_000);
  expect(shown.filter((m) => m.text === body.text)).toHaveLength(1);
});

test("a send the provider rate-limits is refused in words the browser never takes for 'ask again'", async ({ request }) => {
  const upstream = fakeUpstream(request);
  const conversationId = await longThreadId(request, ACCOUNTS.linkupV2);
  const body = { text: `Rate-limited ${randomUUID().slice(0, 8)}`, clientId: randomUUID() };
  await upstream.fail({ action: "send", status: 429, body: { success: false, error: { code: "RATE_LIMITED", message: "slow down" } }, headers: { "retry-after": "30" }, times: 1 });
  // A pending reply's recheck that met rate_limited would stay pending, and each recheck would try
  // the failed send again: a send's own refusal is final.
  const refused = await post(request, replyUrl(ACCOUNTS.linkupV2, conversationId), body);
  expect(refused.status()).toBe(502);
  expect(errorEnvelopeSchema.parse(await refused.json()).error.code).toBe("upstream_error");
  expect(await callsOf(request, "send")).toBe(1);
});

test("bad text and bad clientIds are a 400 before any provider call; another message under a used clientId is a 409", async ({ request }) => {
  const upstream = fakeUpstream(request);
  const linkup = replyUrl(ACCOUNTS.linkupV2, await longThreadId(request, ACCOUNTS.linkupV2));
  const linkedApi = replyUrl(ACCOUNTS.linkedApi, await longThreadId(request, ACCOUNTS.linkedApi));
  const before = await upstream.stats();
  const bad: [string, Record<string, unknown>, RegExp][] = [
    [linkup, { text: "", clientId: randomUUID() }, /text: must not be empty/],
    [linkup, { text: "  \n\t ", clientId: randomUUID() }, /text: must not be empty/],
    [linkup, { text: "hello\u0000there", clientId: randomUUID() }, /control characters/],
    [linkup, { text: "bell\u0007", clientId: randomUUID() }, /control characters/],
    [linkup, { text: "x".repeat(8_001), clientId: randomUUID() }, /at most 8000/],
    [linkedApi, { text: "y".repeat(1_901), clientId: randomUUID() }, /at most 1900/],
    [linkup, { text: "hi", clientId: "not-a-uuid" }, /clientId/],
    [linkup, { text: "hi" }, /clientId/],
    [linkup, { clientId: randomUUID() }, /text/],
    [linkup, { text: "hi", clientId: randomUUID(), admin: true }, /unknown body parameter/],
  ];
  for (const [url, body, message] of bad) {
    const response = await post(request, url, body);
    expect(response.status(), JSON.stringify(body).slice(0, 60)).toBe(400);
    expect(errorEnvelopeSchema.parse(await response.json()).error.message).toMatch(message);
  }
  expect((await upstream.stats()).calls).toEqual(before.calls);

  // Line breaks are text; a clientId is one message only.
  const clientId = randomUUID();
  expect((await resultOf(await post(request, linkup, { text: "Two lines:\nthis one too", clientId }))).status).toBe("sent");
  const reused = await post(request, linkup, { text: "Something else entirely", clientId });
  expect(reused.status()).toBe(409);
  expect(errorEnvelopeSchema.parse(await reused.json()).error.code).toBe("conflict");
});
