import { randomInt, randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { changesResponseSchema, conversationsPageSchema, webhookAnswerSchema, type Change } from "@/lib/contracts/api";
import { errorEnvelopeSchema } from "@/lib/contracts/errors";
import { invitationCreatedSchema, teamResponseSchema } from "@/lib/contracts/team";
import { addPersonAndWait, clearPeople, LENA_PROFILE_URL, messagesSince } from "../support/accounts";
import { ACCOUNTS, E2E } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";

/**
 * Issue 13, push where a provider offers it: the fake upstream plays ConnectSafely and Linked API
 * delivering webhooks to the real app server (a production build), exactly as they document them.
 * A delivery is stored once and shows in /changes; a forged, a stale or a replayed one stores
 * nothing; /changes answers from our database (the fake counts no provider call) and keeps the
 * account gate.
 */

const enc = encodeURIComponent;
const CS = ACCOUNTS.connectSafely;
const LA = ACCOUNTS.linkedApi;

async function changes(request: APIRequestContext, accountId: string, since: number): Promise<{ changes: Change[]; checkedAt: number }> {
  const response = await request.get(`/api/accounts/${accountId}/changes?since=${since}`);
  expect(response.status(), await response.text()).toBe(200);
  return changesResponseSchema.parse(await response.json());
}

/** When to ask from: the server's own clock, just before the test delivers anything. */
async function startOf(request: APIRequestContext, accountId: string): Promise<number> {
  return (await changes(request, accountId, Date.now())).checkedAt;
}

/** One of the ConnectSafely inbox's conversations as our API names it (reading the inbox, as a rep's page does). */
async function connectSafelyConversation(request: APIRequestContext, index: number): Promise<string> {
  const response = await request.get(`/api/accounts/${CS}/conversations?limit=10`);
  expect(response.status(), await response.text()).toBe(200);
  const id = conversationsPageSchema.parse(await response.json()).conversations[index]?.id;
  if (!id) throw new Error("the ConnectSafely inbox is too short");
  return id;
}

const answersOf = (delivered: { answers: Array<{ status: number; body: unknown }> }) => delivered.answers.map((a) => [a.status, a.body]);

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
  await clearPeople(request);
});

test("ConnectSafely: a signed message.received is stored once, shows in /changes under our id, and a later read finds it", async ({ request }) => {
  const fake = fakeUpstream(request);
  const conversationId = await connectSafelyConversation(request, 2);
  const since = await startOf(request, CS);
  const before = await fake.stats();

  const text = `Pushed through ConnectSafely ${randomUUID()}`;
  const delivered = await fake.deliverWebhook({ provider: "connectsafely", appUrl: E2E.appUrl, accountId: CS, secret: E2E.connectSafelyWebhookSecret, conversationId, text, repeat: 3 });
  // The provider's retries of one delivery: stored the first time only.
  expect(answersOf(delivered)).toEqual([
    [200, { stored: true }],
    [200, { stored: false }],
    [200, { stored: false }],
  ]);
  const found = await changes(request, CS, since);
  expect(found.changes.filter((c) => c.conversationId === conversationId)).toEqual([{ conversationId, sentAt: delivered.sentAt }]);
  expect(found.checkedAt).toBeGreaterThanOrEqual(since);
  // Neither the delivery nor /changes asked the provider anything.
  expect(await fake.stats()).toEqual(before);

  // What /changes names is what the client then reads from the provider.
  const news = await messagesSince(request, CS, conversationId, delivered.sentAt ?? 0);
  expect(news.map((m) => m.text)).toContain(text);
});

test("ConnectSafely: a forged and a stale delivery are refused and store nothing", async ({ request }) => {
  const fake = fakeUpstream(request);
  const conversationId = await connectSafelyConversation(request, 5);
  const since = await startOf(request, CS);
  const base = { provider: "connectsafely", appUrl: E2E.appUrl, accountId: CS, secret: E2E.connectSafelyWebhookSecret, conversationId, text: "never" } as const;

  const forged = await fake.deliverWebhook({ ...base, tamper: "signature" });
  expect(forged.answers.map((a) => [a.status, errorEnvelopeSchema.parse(a.body).error.code])).toEqual([[401, "unauthenticated"]]);
  const stale = await fake.deliverWebhook({ ...base, tamper: "stale" });
  expect(stale.answers.map((a) => [a.status, errorEnvelopeSchema.parse(a.body).error.code])).toEqual([[400, "bad_request"]]);

  // Unsigned, and signed for another account's URL: refused too.
  const unsigned = await request.post(`/api/webhooks/connectsafely/${CS}`, { data: { event: "message.received", data: {} } });
  expect(unsigned.status()).toBe(401);
  for (const accountId of [ACCOUNTS.linkupV2, ACCOUNTS.linkupV1, LA, "no-such-account"]) {
    const elsewhere = await request.post(`/api/webhooks/connectsafely/${enc(accountId)}`, { data: {}, headers: { "x-webhook-signature": `sha256=${"0".repeat(64)}` } });
    expect([elsewhere.status(), errorEnvelopeSchema.parse(await elsewhere.json()).error.code], accountId).toEqual([404, "not_found"]);
  }

  expect((await changes(request, CS, since)).changes.map((c) => c.conversationId)).not.toContain(conversationId);
});

test("Linked API: an inbox.messageReceived to the URL with the secret is stored once under the person, and shows in /changes", async ({ request }) => {
  const fake = fakeUpstream(request);
  const person = await addPersonAndWait(request, LENA_PROFILE_URL);
  expect(person.state).toBe("ready");
  const since = await startOf(request, LA);
  const before = await fake.stats();

  const text = `Pushed through Linked API ${randomUUID()}`;
  const delivered = await fake.deliverWebhook({ provider: "linkedapi", appUrl: E2E.appUrl, accountId: LA, secret: E2E.linkedApiWebhookSecret, personUrl: LENA_PROFILE_URL, text, repeat: 2 });
  expect(answersOf(delivered)).toEqual([
    [200, { stored: true }],
    [200, { stored: false }],
  ]);
  const sentAt = Math.floor((delivered.sentAt ?? 0) / 1_000) * 1_000; // Linked API's times are whole seconds
  const found = await changes(request, LA, since);
  expect(found.changes).toEqual([{ conversationId: person.id, sentAt }]);
  expect(await fake.stats()).toEqual(before);

  const news = await messagesSince(request, LA, person.id, sentAt);
  expect(news.map((m) => m.text)).toContain(text);

  // Someone nobody added: answered, ignored, stored nothing.
  const stranger = await request.post(`/api/webhooks/linkedapi/${LA}/${E2E.linkedApiWebhookSecret}`, {
    data: { id: `wh-${randomUUID()}`, type: "inbox.messageReceived", createdAt: new Date().toISOString(), data: { type: "st", personUrl: "https://www.linkedin.com/in/nobody-added", text: "hi", time: new Date().toISOString() } },
  });
  expect(webhookAnswerSchema.parse(await stranger.json())).toEqual({ stored: false, ignored: "unknown_person" });
  expect((await changes(request, LA, since)).changes).toEqual([{ conversationId: person.id, sentAt }]);
});

test("Linked API: a wrong secret in the URL is the unknown account's 404; a stale delivery is refused; neither stores anything", async ({ request }) => {
  const fake = fakeUpstream(request);
  const person = await addPersonAndWait(request, LENA_PROFILE_URL);
  const since = await startOf(request, LA);
  const base = { provider: "linkedapi", appUrl: E2E.appUrl, accountId: LA, secret: E2E.linkedApiWebhookSecret, personUrl: LENA_PROFILE_URL, text: "never" } as const;

  const wrong = await fake.deliverWebhook({ ...base, tamper: "signature" });
  const unknown = await request.post(`/api/webhooks/linkedapi/no-such-account/${E2E.linkedApiWebhookSecret}`, { data: {} });
  const unknownBody = errorEnvelopeSchema.parse(await unknown.json());
  expect(unknown.status()).toBe(404);
  expect(answersOf(wrong)).toEqual([[404, unknownBody]]);
  for (const secret of ["x", E2E.linkedApiWebhookSecret.slice(0, -1), E2E.connectSafelyWebhookSecret]) {
    const response = await request.get(`/api/webhooks/linkedapi/${LA}/${enc(secret)}`);
    expect([response.status(), await response.json()]).toEqual([404, unknownBody]);
  }
  // The ConnectSafely account has no Linked API webhook, whatever the secret.
  expect((await request.post(`/api/webhooks/linkedapi/${CS}/${E2E.connectSafelyWebhookSecret}`, { data: {} })).status()).toBe(404);

  const stale = await fake.deliverWebhook({ ...base, tamper: "stale" });
  expect(stale.answers.map((a) => [a.status, errorEnvelopeSchema.parse(a.body).error.code])).toEqual([[400, "bad_request"]]);

  // (An answer reaches a few seconds back: the previous test's delivery may still be in it.)
  expect((await changes(request, LA, since)).changes.map((c) => c.conversationId)).not.toContain(person.id);
});

test("/changes asks no provider, is 400 for an account without push, and keeps the account gate", async ({ request }) => {
  const fake = fakeUpstream(request);
  const before = await fake.stats();
  for (const accountId of [CS, LA]) await changes(request, accountId, 0);
  const noPush = await request.get(`/api/accounts/${ACCOUNTS.linkupV2}/changes?since=0`);
  expect([noPush.status(), errorEnvelopeSchema.parse(await noPush.json()).error.code]).toEqual([400, "bad_request"]);
  expect((await request.get(`/api/accounts/${CS}/changes`)).status()).toBe(400);
  expect(await fake.stats()).toEqual(before);

  // Signed out: 401. A rep on an account not assigned to them: 404, whatever the query.
  const anonymous = await playwrightRequest.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] } });
  expect((await anonymous.get(`/api/accounts/${CS}/changes?since=0`)).status()).toBe(401);
  await anonymous.dispose();

  const rep = await joinAsRep(request, [ACCOUNTS.linkupV2]);
  try {
    for (const path of [`/api/accounts/${CS}/changes?since=0`, `/api/accounts/${LA}/changes?since=nope`, "/api/accounts/made-up/changes?since=0"]) {
      const response = await rep.context.get(path);
      expect([response.status(), errorEnvelopeSchema.parse(await response.json()).error.code], path).toEqual([404, "not_found"]);
    }
  } finally {
    await request.delete(`/api/team/members/${enc(rep.userId)}`, { data: {} });
    await rep.context.dispose();
  }
});

/** A rep with these accounts, joined by invitation, in a context of their own (from an address of their own). */
async function joinAsRep(admin: APIRequestContext, accountIds: string[]): Promise<{ context: APIRequestContext; userId: string }> {
  const email = `push-rep-${Date.now().toString(36)}${randomInt(1_000_000).toString(36)}@threadline.test`;
  const invited = await admin.post("/api/team/invitations", { data: { email, role: "rep", accountIds } });
  expect(invited.status(), await invited.text()).toBe(201);
  const token = decodeURIComponent(/\/join\/([^/?#]+)$/.exec(invitationCreatedSchema.parse(await invited.json()).link)?.[1] ?? "");
  const address = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const context = await playwrightRequest.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { "x-forwarded-for": address } });
  const joined = await context.post("/api/join", { data: { token, name: "Push Rep", password: "e2e-rep-password-5d1c7a93" } });
  expect(joined.status(), await joined.text()).toBe(201);
  const userId = teamResponseSchema.parse(await (await admin.get("/api/team")).json()).members.find((m) => m.email === email)?.id;
  if (!userId) throw new Error(`${email} did not join`);
  return { context, userId };
}
