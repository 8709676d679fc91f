import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/server/db";
import type { Database } from "@/lib/server/db/database";
import { ApiError } from "@/lib/server/errors";
import { createPeopleStore } from "@/lib/server/providers/linkedapi/store-sql";
import { ourConversationId } from "@/lib/server/push/connectsafely-ids";
import { receiveConnectSafely } from "@/lib/server/push/connectsafely-webhook";
import type { PushDeps } from "@/lib/server/push/deps";
import { personIdFor } from "@/lib/server/push/linkedapi-ids";
import { receiveLinkedApi } from "@/lib/server/push/linkedapi-webhook";
import { createMailboxStore } from "@/lib/server/push/mailbox-store";
import { createPushStore } from "@/lib/server/push/store";
import type { WebhookAccount } from "@/lib/server/push/webhook-config";
import { newPerson } from "@/tests/unit/support/people-store";

const NOW = Date.parse("2026-05-12T14:40:00.000Z");
const MAILBOX = "urn:li:fsd_profile:ACoAABpGQcMBI08myTal7qDJ5zb9lJiM24nFjJI";
const THREAD = "2-YTlkMzliMTAtMjA4Zi00ODc4LTgxZDgtZTI4ZDY0Zjg1YTE4XzEwMA==";
const OUR_ID = `urn:li:msg_conversation:(${MAILBOX},${THREAD})`;

const cs: WebhookAccount = { id: "cs", provider: "connectsafely", secret: "cs-webhook-secret-0123456789abcdef0123", providerAccountId: "507f1f77bcf86cd799439011" };
const la: WebhookAccount = { id: "la", provider: "linkedapi", secret: "la-webhook-url-secret-0123456789abcdef" };

let db: Database;
let deps: PushDeps;
let mailboxes: ReturnType<typeof createMailboxStore>;
const clock = NOW;

beforeAll(async () => {
  db = await openDatabase({});
  const database = async () => db;
  mailboxes = createMailboxStore(database);
  deps = { events: createPushStore(database), mailboxes, people: createPeopleStore(database), now: () => clock };
}, 30_000);
afterAll(async () => {
  await db.close();
});

/** A `message.received` as ConnectSafely documents it (providers.md §3c). */
function csEvent(overrides: { messageUrn?: string; timestamp?: string; conversationId?: string; accountId?: string; event?: string } = {}) {
  return {
    event: overrides.event ?? "message.received",
    object: "event",
    data: {
      id: "evt_1",
      message_urn: overrides.messageUrn ?? "urn:li:messagingMessage:2-MTc2MzM3",
      account_id: overrides.accountId ?? cs.providerAccountId,
      provider: "LINKEDIN",
      sender: { id: "ACoAACr", name: "Leonard Esere", profile_url: "https://www.linkedin.com/in/leonard", profile_picture: null },
      body: "Hi — are you around?",
      timestamp: overrides.timestamp ?? "2026-05-12T14:33:21.000Z",
      conversation_id: overrides.conversationId ?? `urn:li:messagingThread:${THREAD}`,
      attachments: [],
    },
  };
}

function signed(payload: unknown, secret = cs.secret): { body: Buffer; signature: string } {
  const body = Buffer.from(JSON.stringify(payload), "utf8");
  return { body, signature: `sha256=${createHmac("sha256", secret).update(body).digest("hex")}` };
}

async function deliverCs(payload: unknown, options: { secret?: string; account?: WebhookAccount } = {}) {
  const { body, signature } = signed(payload, options.secret);
  return receiveConnectSafely(deps, options.account ?? cs, body, signature);
}

async function refusal(work: Promise<unknown>): Promise<{ code: string; status: number }> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, status: error.status };
    throw error;
  }
  throw new Error("expected a refusal");
}

const changes = (account: WebhookAccount) => deps.events.changesSince(account.id, 0, 100);

describe("a ConnectSafely delivery", () => {
  it("is stored once under our conversation id; a replay stores nothing", async () => {
    await mailboxes.remember(cs.id, MAILBOX, 1);
    expect(await deliverCs(csEvent({ messageUrn: "urn:li:messagingMessage:once" }))).toEqual({ stored: true });
    expect(await deliverCs(csEvent({ messageUrn: "urn:li:messagingMessage:once" }))).toEqual({ stored: false });
    expect(await changes(cs)).toEqual([{ conversationId: OUR_ID, sentAt: Date.parse("2026-05-12T14:33:21.000Z") }]);
  });

  it("refuses a forged signature, a missing one and one over other bytes (401), storing nothing", async () => {
    const before = await changes(cs);
    const payload = csEvent({ messageUrn: "urn:li:messagingMessage:forged", conversationId: `urn:li:messagingThread:2-forged` });
    expect(await refusal(deliverCs(payload, { secret: `${cs.secret}-not` }))).toEqual({ code: "unauthenticated", status: 401 });
    const { body, signature } = signed(payload);
    expect(await refusal(receiveConnectSafely(deps, cs, body, null))).toMatchObject({ status: 401 });
    expect(await refusal(receiveConnectSafely(deps, cs, Buffer.concat([body, Buffer.from(" ")]), signature))).toMatchObject({ status: 401 });
    expect(await changes(cs)).toEqual(before);
  });

  it("refuses a stale or future-dated delivery (400), storing nothing, and never records its id", async () => {
    const before = await changes(cs);
    const old = csEvent({ messageUrn: "urn:li:messagingMessage:late", timestamp: new Date(NOW - 15 * 60_000 - 1).toISOString() });
    expect(await refusal(deliverCs(old))).toEqual({ code: "bad_request", status: 400 });
    const ahead = csEvent({ messageUrn: "urn:li:messagingMessage:ahead", timestamp: new Date(NOW + 5 * 60_000 + 1).toISOString() });
    expect(await refusal(deliverCs(ahead))).toEqual({ code: "bad_request", status: 400 });
    expect(await changes(cs)).toEqual(before);
    expect(await deps.events.record({ accountId: cs.id, eventId: "urn:li:messagingMessage:late", conversationId: "x", sentAt: 0, receivedAt: 0 })).toBe(true);
  });

  it("answers other event types and other LinkedIn accounts' messages as ignored; refuses what is not the documented shape", async () => {
    expect(await deliverCs(csEvent({ event: "message.sent" }))).toEqual({ stored: false, ignored: "event_type" });
    expect(await deliverCs(csEvent({ messageUrn: "urn:li:messagingMessage:elsewhere", accountId: "another-linkedin-account" }))).toEqual({ stored: false, ignored: "other_account" });
    const unconfigured = { ...cs, id: "cs-any", providerAccountId: undefined };
    expect(await deliverCs(csEvent({ messageUrn: "urn:li:messagingMessage:any", accountId: "whichever" }), { account: unconfigured })).toEqual({ stored: true });

    const { data, ...noData } = csEvent();
    const shapes: unknown[] = [noData, { ...csEvent(), data: { ...data, message_urn: undefined } }, { ...csEvent(), data: { ...data, timestamp: "yesterday" } }, { ...csEvent(), data: { ...data, conversation_id: "" } }];
    for (const shape of shapes) expect(await refusal(deliverCs(shape))).toEqual({ code: "bad_request", status: 400 });
    const notJson = Buffer.from("{not json");
    expect(await refusal(receiveConnectSafely(deps, cs, notJson, `sha256=${createHmac("sha256", cs.secret).update(notJson).digest("hex")}`))).toMatchObject({ status: 400 });
  });
});

describe("a ConnectSafely conversation id, as ours", () => {
  it("is the inbox's form: the mailbox from the id itself, the account's inbox, or the message URN, in that order", () => {
    const otherMailbox = "urn:li:fsd_profile:ACoAAOther";
    expect(ourConversationId(OUR_ID, "m", otherMailbox)).toBe(OUR_ID);
    expect(ourConversationId(`urn:li:messagingThread:${THREAD}`, "urn:li:messagingMessage:2-x", MAILBOX)).toBe(OUR_ID);
    expect(ourConversationId(`urn:li:messagingThread:(${THREAD})`, `urn:li:msg_message:(${otherMailbox},2-x)`, MAILBOX)).toBe(OUR_ID);
    expect(ourConversationId(THREAD, `urn:li:msg_message:(${MAILBOX},2-x)`, undefined)).toBe(OUR_ID);
  });

  it("stays the provider's own name where no mailbox or thread is known", () => {
    expect(ourConversationId(`urn:li:messagingThread:${THREAD}`, "urn:li:messagingMessage:2-x", undefined)).toBe(`urn:li:messagingThread:${THREAD}`);
    expect(ourConversationId(" something-else ", "m", MAILBOX)).toBe("something-else");
  });
});

/** An `inbox.messageReceived` envelope as Linked API documents it (providers.md §4e). */
function laEvent(overrides: { id?: string; type?: string; createdAt?: string; personUrl?: string; channel?: "st" | "nv" | null } = {}) {
  return {
    id: overrides.id ?? "evt-la-1",
    type: overrides.type ?? "inbox.messageReceived",
    createdAt: overrides.createdAt ?? "2026-05-12T14:35:00Z",
    data: {
      accountId: "la-account",
      type: overrides.channel === undefined ? "st" : overrides.channel,
      threadId: "thread-1",
      personUrl: overrides.personUrl ?? "https://www.linkedin.com/in/Lena-Longthread-0/",
      messageId: "msg-1",
      sender: "them",
      text: "Hello",
      time: "2026-05-12T14:34:59Z",
    },
  };
}

const deliverLa = (payload: unknown) => receiveLinkedApi(deps, la, Buffer.from(JSON.stringify(payload), "utf8"));

describe("a Linked API delivery", () => {
  let lena = "";
  let lenaSalesNav = "";
  beforeAll(async () => {
    const people = createPeopleStore(async () => db);
    lena = (await people.add(la.id, newPerson("https://www.linkedin.com/in/lena-longthread-0"), 1)).person.id;
    lenaSalesNav = (await people.add(la.id, newPerson("https://www.linkedin.com/in/lena-longthread-0", "salesNavigator"), 1)).person.id;
  });

  it("is stored once under the person's id, whatever the case and form of the profile URL; a retry stores nothing", async () => {
    expect(await deliverLa(laEvent({ id: "evt-once" }))).toEqual({ stored: true });
    expect(await deliverLa(laEvent({ id: "evt-once" }))).toEqual({ stored: false });
    expect(await changes(la)).toEqual([{ conversationId: lena, sentAt: Date.parse("2026-05-12T14:34:59Z") }]);
  });

  it("finds the Sales Navigator conversation for `nv`, and the URL's own for no type", async () => {
    expect(await personIdFor(deps.people, la.id, { personUrl: "linkedin.com/in/LENA-longthread-0", type: "nv" })).toBe(lenaSalesNav);
    expect(await personIdFor(deps.people, la.id, { personUrl: "https://www.linkedin.com/in/lena-longthread-0", type: null })).toBe(lena);
    expect(await personIdFor(deps.people, "another-account", { personUrl: "https://www.linkedin.com/in/lena-longthread-0", type: "st" })).toBeUndefined();
    expect(await personIdFor(deps.people, la.id, { personUrl: "https://example.com/in/lena-longthread-0", type: "st" })).toBeUndefined();
  });

  it("ignores other event types and people nobody added; refuses a stale envelope and one not in the documented shape", async () => {
    const before = await changes(la);
    expect(await deliverLa(laEvent({ id: "evt-sent", type: "inbox.messageSent" }))).toEqual({ stored: false, ignored: "event_type" });
    expect(await deliverLa(laEvent({ id: "evt-stranger", personUrl: "https://www.linkedin.com/in/nobody-added" }))).toEqual({ stored: false, ignored: "unknown_person" });
    expect(await refusal(deliverLa(laEvent({ id: "evt-old", createdAt: new Date(NOW - 24 * 60 * 60_000 - 1).toISOString() })))).toEqual({ code: "bad_request", status: 400 });
    expect(await refusal(deliverLa(laEvent({ id: "evt-ahead", createdAt: new Date(NOW + 6 * 60_000).toISOString() })))).toEqual({ code: "bad_request", status: 400 });
    for (const shape of [{ ...laEvent(), id: "" }, { ...laEvent(), createdAt: "soon" }, { ...laEvent({ id: "evt-no-person" }), data: { text: "hi" } }, []]) {
      expect(await refusal(deliverLa(shape))).toEqual({ code: "bad_request", status: 400 });
    }
    expect(await changes(la)).toEqual(before);
  });

  it("takes hours-late retries: a day is its window", async () => {
    expect(await deliverLa(laEvent({ id: "evt-retried", createdAt: new Date(NOW - 20 * 60 * 60_000).toISOString() }))).toEqual({ stored: true });
  });
});
