import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebhookAnswer } from "@/lib/contracts/api";
import { openDatabase } from "@/lib/server/db";
import type { Database } from "@/lib/server/db/database";
import { ApiError } from "@/lib/server/errors";
import { createPeopleStore } from "@/lib/server/providers/linkedapi/store-sql";
import { receiveConnectSafely } from "@/lib/server/push/connectsafely-webhook";
import type { PushDeps } from "@/lib/server/push/deps";
import { receiveLinkedApi } from "@/lib/server/push/linkedapi-webhook";
import { createMailboxStore } from "@/lib/server/push/mailbox-store";
import { createPushStore } from "@/lib/server/push/store";
import type { WebhookAccount } from "@/lib/server/push/webhook-config";
import { findThread } from "@/tests/fake-upstream/connectsafely/project";
import { createFixtureMailbox, FIXTURE_SELF } from "@/tests/fake-upstream/fixture-mailbox";
import { createLinkedApiFake } from "@/tests/fake-upstream/linkedapi";
import { deliverSchema, deliverWebhook, type DeliverInput } from "@/tests/fake-upstream/webhooks";
import { newPerson } from "@/tests/unit/support/people-store";

/**
 * The fake upstream's webhook deliveries, handed to our receivers instead of over HTTP: what the
 * browser tests deliver is what our routes take (and a tampered one is what they refuse).
 */
const cs: WebhookAccount = { id: "cs", provider: "connectsafely", secret: "fake-cs-webhook-secret-0123456789abcdef", providerAccountId: "cs-acc" };
const la: WebhookAccount = { id: "la", provider: "linkedapi", secret: "fake-la-webhook-secret-0123456789abcdef" };
const LENA = "https://www.linkedin.com/in/lena-longthread-0";

let db: Database;
let deps: PushDeps;
const fixture = createFixtureMailbox(Date.now() - 60_000);
const linkedApi = createLinkedApiFake({ mailbox: fixture.mailbox, self: FIXTURE_SELF, token: "t", identificationToken: "i", syncDelayMs: 0 });

beforeAll(async () => {
  db = await openDatabase({});
  deps = { events: createPushStore(async () => db), mailboxes: createMailboxStore(async () => db), people: createPeopleStore(async () => db), now: Date.now };
  await createPeopleStore(async () => db).add(la.id, newPerson(LENA), 1);
}, 30_000);
afterAll(async () => {
  await db.close();
});

/** What our route for the account in the URL would do with the delivery (the gate's URL secret included). */
function receive(url: string, body: Buffer, headers: Headers): Promise<WebhookAnswer> {
  if (url.includes("/connectsafely/")) return receiveConnectSafely(deps, cs, body, headers.get("x-webhook-signature"));
  if (decodeURIComponent(url.split("/").pop() ?? "") !== la.secret) throw new ApiError("not_found", "No such webhook.");
  return receiveLinkedApi(deps, la, body);
}

/** Delivers through the fake, each POST answered by our receiver instead of over HTTP. */
async function deliver(input: DeliverInput) {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url, init) => {
    try {
      return Response.json(await receive(String(url), Buffer.from(String(init?.body ?? ""), "utf8"), new Headers(init?.headers)));
    } catch (error) {
      if (error instanceof ApiError) return Response.json(error.toEnvelope(), { status: error.status });
      throw error;
    }
  };
  try {
    return await deliverWebhook(deliverSchema.parse(input), {
      findThread: (id) => findThread(fixture.mailbox, id),
      conversationOf: (personUrl, channel) => linkedApi.conversationOf(personUrl, channel),
      arrive: (id, text) => fixture.append(id, text, false, Date.now()),
      self: FIXTURE_SELF,
      connectSafelyAccountId: "cs-acc",
      now: Date.now,
    });
  } finally {
    globalThis.fetch = realFetch;
  }
}

const statuses = (outcome: Awaited<ReturnType<typeof deliver>>) => (outcome.status === 200 ? outcome.body.answers.map((a) => [a.status, a.body]) : outcome);

describe("the fake upstream's webhooks, as our receivers take them", () => {
  it("ConnectSafely: a new message arrives in the thread and is delivered signed; a repeat is a replay", async () => {
    const id = fixture.conversationIds()[3]!;
    const before = fixture.mailbox.thread(id)!.messages.length;
    const outcome = await deliver({ provider: "connectsafely", appUrl: "http://app.test", accountId: cs.id, secret: cs.secret, conversationId: id, text: "Pushed hello", repeat: 2 });
    expect(statuses(outcome)).toEqual([
      [200, { stored: true }],
      [200, { stored: false }],
    ]);
    expect(fixture.mailbox.thread(id)!.messages.length).toBe(before + 1);
    // No mailbox learnt here: the thread form stays (the app learns the mailbox from its inbox).
    expect(await deps.events.changesSince(cs.id, 0, 10)).toEqual([{ conversationId: expect.stringMatching(/^urn:li:messagingThread:2-/), sentAt: outcome.status === 200 ? outcome.body.sentAt : 0 }]);
  });

  it("ConnectSafely: a forged and a stale delivery are refused, and add no message", async () => {
    const id = fixture.conversationIds()[4]!;
    const before = fixture.mailbox.thread(id)!.messages.length;
    for (const [tamper, status] of [["signature", 401], ["stale", 400]] as const) {
      const outcome = await deliver({ provider: "connectsafely", appUrl: "http://app.test", accountId: cs.id, secret: cs.secret, conversationId: id, text: "x", tamper });
      expect(statuses(outcome)).toEqual([[status, expect.objectContaining({ error: expect.any(Object) })]]);
    }
    expect(fixture.mailbox.thread(id)!.messages.length).toBe(before);
  });

  it("Linked API: delivered to the URL with the secret, stored under the person; a wrong secret is a 404; stale a 400", async () => {
    const stored = await deliver({ provider: "linkedapi", appUrl: "http://app.test", accountId: la.id, secret: la.secret, personUrl: LENA, text: "Pushed hi", repeat: 3 });
    expect(statuses(stored)).toEqual([
      [200, { stored: true }],
      [200, { stored: false }],
      [200, { stored: false }],
    ]);
    const person = (await createPeopleStore(async () => db).list(la.id))[0]!;
    expect((await deps.events.changesSince(la.id, 0, 10)).map((c) => c.conversationId)).toEqual([person.id]);
    const forged = await deliver({ provider: "linkedapi", appUrl: "http://app.test", accountId: la.id, secret: la.secret, personUrl: LENA, text: "x", tamper: "signature" });
    expect(statuses(forged)).toEqual([[404, expect.any(Object)]]);
    const stale = await deliver({ provider: "linkedapi", appUrl: "http://app.test", accountId: la.id, secret: la.secret, personUrl: LENA, text: "x", tamper: "stale" });
    expect(statuses(stale)).toEqual([[400, expect.any(Object)]]);
    expect(await deliver({ provider: "linkedapi", appUrl: "http://app.test", accountId: la.id, secret: la.secret, personUrl: "https://www.linkedin.com/in/nobody", text: "x" })).toEqual({
      status: 404,
      body: { error: "no such conversation" },
    });
  });
});
