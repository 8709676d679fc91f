import { describe, expect, it } from "vitest";
import { z } from "zod";
import { handleLinkupV2Request, type LinkupMailbox, type LinkupThread } from "@/lib/server/linkup-v2-simulator/wire";
import type { LinkupCategory, WireConversation, WireMessage } from "@/lib/server/linkup-v2-simulator/wire-types";
import { createFixtureMailbox as createUpstreamFixture, FIXTURE_SELF } from "@/tests/fake-upstream/fixture-mailbox";

const API_KEY = "test-key";
const ACCOUNT_ID = "acc_test";
const NOW = Date.UTC(2026, 3, 26, 10, 35, 0);
const ENDPOINT = "https://fake-linkup.test/v2/messages";

// Strict schemas of the seed pages' shapes: an unexpected or missing field fails the test.
const isoTimestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
const inboxSender = z.strictObject({
  name: z.string(),
  headline: z.string().optional(),
  profile_url: z.string().optional(),
  profile_picture: z.string().optional(),
  is_me: z.boolean(),
});
const inboxConversation = z.strictObject({
  conversation_id: z.string(),
  participant: z.strictObject({
    name: z.string(),
    headline: z.string().optional(),
    profile_url: z.string().optional(),
    profile_picture: z.string().optional(),
    is_organization: z.literal(true).optional(),
  }),
  last_message: z.strictObject({ text: z.string(), time: z.number().int(), sender: inboxSender }),
  unread: z.number().int().nonnegative(),
  type: z.enum(["normal", "inmail", "Sponsored"]),
});
const successMetadata = (action: string) =>
  z.strictObject({
    action: z.literal(action),
    account_id: z.literal(ACCOUNT_ID),
    credits_consumed: z.number().int().positive(),
    timestamp: isoTimestamp,
  });
const listInboxBody = z.strictObject({
  success: z.literal(true),
  data: z.strictObject({
    conversations: z.array(inboxConversation),
    total_results: z.number().int(),
    next_cursor: z.string().nullable(),
  }),
  metadata: successMetadata("list_inbox"),
});
const threadMessage = z.strictObject({
  text: z.string(),
  timestamp: z.number().int(),
  sender: z.string(),
  sender_info: z.strictObject({ first_name: z.string(), last_name: z.string(), profile_url: z.string().optional() }),
  message_type: z.enum(["TEXT", "INVITATION", "SHARED_POST"]),
  entity_urn: z.string(),
});
const getConversationBody = z.strictObject({
  success: z.literal(true),
  data: z.strictObject({
    total_message_count: z.number().int(),
    unread_count: z.number().int(),
    last_seen_message: z.boolean(),
    last_seen_at: z.number().int().optional(),
    messages: z.array(threadMessage),
    next_cursor: z.string().regex(/^\d+$/).optional(),
  }),
  metadata: successMetadata("get_conversation"),
});
const errorBody = z.strictObject({
  success: z.literal(false),
  error: z.strictObject({ code: z.string(), message: z.string().min(1) }),
  metadata: z.strictObject({ action: z.string().nullable(), credits_consumed: z.literal(0), timestamp: isoTimestamp }),
});

const SELF_URL = "https://www.linkedin.com/in/test-owner";

function conversationUrn(index: number): string {
  const threadId = Buffer.from(`0000${index}-fixture_100`).toString("base64");
  return `urn:li:msg_conversation:(urn:li:fsd_profile:ACoAAFixture,2-${threadId})`;
}

type FixtureConversation = { id: string; name: string; slug: string; unread: number; type: WireConversation["type"]; messages: WireMessage[] };

/** A small mutable mailbox, as a test's fake upstream would keep one. */
function createFixtureMailbox(conversationCount: number, messagesPerConversation: (index: number) => number) {
  const conversations: FixtureConversation[] = [];
  for (let index = 0; index < conversationCount; index += 1) {
    const slug = `person-${index}`;
    const count = messagesPerConversation(index);
    const newest = NOW - 60_000 * (index + 1) - index;
    const messages = Array.from({ length: count }, (_, age): WireMessage => {
      const fromOwner = age % 3 === 1;
      return {
        text: `message ${age} of ${slug}`,
        timestamp: newest - age * 1_000,
        sender: fromOwner ? "Owner Person" : `Person ${index}`,
        sender_info: {
          first_name: fromOwner ? "Owner" : "Person",
          last_name: fromOwner ? "Person" : String(index),
          profile_url: fromOwner ? `${SELF_URL}/` : `https://www.linkedin.com/in/${slug}/`,
        },
        message_type: age === count - 1 && index % 4 === 0 ? "INVITATION" : "TEXT",
        entity_urn: `urn:li:msg_message:(urn:li:fsd_profile:ACoAAFixture,2-${index}-${age})`,
      };
    });
    conversations.push({ id: conversationUrn(index), name: `Person ${index}`, slug, unread: index % 3 === 0 ? 2 : 0, type: index % 5 === 0 ? "inmail" : "normal", messages });
  }

  const toWire = (conversation: FixtureConversation): WireConversation => {
    const newest = [...conversation.messages].sort((a, b) => b.timestamp - a.timestamp)[0];
    if (newest === undefined) throw new Error("fixture conversation without messages");
    const isMe = newest.sender_info.profile_url?.startsWith(SELF_URL) ?? false;
    return {
      conversation_id: conversation.id,
      participant: { name: conversation.name, headline: "Buyer at Fixture Inc", profile_url: `https://www.linkedin.com/in/${conversation.slug}` },
      last_message: { text: newest.text, time: newest.timestamp, sender: { name: newest.sender, headline: "", profile_url: newest.sender_info.profile_url ?? "", is_me: isMe } },
      unread: conversation.unread,
      type: conversation.type,
    };
  };

  const mailbox: LinkupMailbox = {
    conversations(category: LinkupCategory) {
      const wire = conversations.map(toWire);
      if (category === "UNREAD") return wire.filter((conversation) => conversation.unread > 0);
      if (category === "INMAIL") return wire.filter((conversation) => conversation.type !== "normal");
      return wire;
    },
    thread(conversationId): LinkupThread | undefined {
      const found = conversations.find((conversation) => conversation.id === conversationId);
      // Deliberately oldest first: the handler owns the order.
      return found && { conversation: toWire(found), messages: [...found.messages].reverse(), seenByParticipantAt: found.messages[0]?.timestamp };
    },
  };

  const receive = (index: number, at: number): void => {
    const conversation = conversations[index];
    if (conversation === undefined) throw new Error(`no fixture conversation ${index}`);
    conversation.messages.unshift({ ...conversation.messages[0]!, text: "new!", timestamp: at, entity_urn: `urn:new:${index}:${at}` });
  };

  return { mailbox, receive };
}

type Call = { action?: unknown; params?: unknown; accountId?: string; apiKey?: string | null; body?: string; method?: string; url?: string };

async function send(mailbox: LinkupMailbox, call: Call): Promise<{ status: number; json: unknown; text: string }> {
  const headers = new Headers({ "content-type": "application/json" });
  if (call.apiKey !== null) headers.set("x-api-key", call.apiKey ?? API_KEY);
  const method = call.method ?? "POST";
  const body = call.body ?? JSON.stringify({ account_id: call.accountId ?? ACCOUNT_ID, action: call.action, params: call.params });
  const request = new Request(call.url ?? ENDPOINT, { method, headers, body: method === "GET" ? undefined : body });
  const response = await handleLinkupV2Request(request, { mailbox, apiKey: API_KEY, accountId: ACCOUNT_ID, now: () => NOW });
  expect(response.headers.get("content-type")).toContain("application/json");
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as unknown, text };
}

async function listInbox(mailbox: LinkupMailbox, params: Record<string, unknown>) {
  const { status, json } = await send(mailbox, { action: "list_inbox", params });
  expect(status).toBe(200);
  return listInboxBody.parse(json);
}

async function getConversation(mailbox: LinkupMailbox, params: Record<string, unknown>) {
  const { status, json } = await send(mailbox, { action: "get_conversation", params });
  expect(status).toBe(200);
  return getConversationBody.parse(json);
}

async function expectError(mailbox: LinkupMailbox, call: Call, status: number, code: string, action: string | null) {
  const response = await send(mailbox, call);
  expect(response.status).toBe(status);
  const body = errorBody.parse(response.json);
  expect(body.error.code).toBe(code);
  expect(body.metadata.action).toBe(action);
  return body;
}

describe("list_inbox", () => {
  it("answers the seed page's shape, newest activity first, 10 by default", async () => {
    const { mailbox } = createFixtureMailbox(25, () => 3);
    const body = await listInbox(mailbox, {});
    expect(body.data.total_results).toBe(10);
    expect(body.data.conversations).toHaveLength(10);
    const times = body.data.conversations.map((conversation) => conversation.last_message.time);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(body.metadata).toEqual({ action: "list_inbox", account_id: ACCOUNT_ID, credits_consumed: 1, timestamp: "2026-04-26T10:35:00Z" });
  });

  it("issues base64 cursors of DESCENDING&<ms>&<thread id> and null at the end", async () => {
    const { mailbox } = createFixtureMailbox(12, () => 1);
    const first = await listInbox(mailbox, { count: 10 });
    const last = first.data.conversations.at(-1)!;
    const decoded = Buffer.from(first.data.next_cursor!, "base64").toString("utf8");
    expect(decoded).toBe(`DESCENDING&${last.last_message.time}&${/,(2-[^,()]+)\)$/.exec(last.conversation_id)![1]}`);
    const second = await listInbox(mailbox, { count: 10, cursor: first.data.next_cursor });
    expect(second.data.total_results).toBe(2);
    expect(second.data.next_cursor).toBeNull();
  });

  it("bills one credit per 10 results, at least one", async () => {
    const { mailbox } = createFixtureMailbox(40, () => 1);
    expect((await listInbox(mailbox, { count: 25 })).metadata.credits_consumed).toBe(3);
    expect((await listInbox(mailbox, { count: 1 })).metadata.credits_consumed).toBe(1);
    expect((await listInbox(mailbox, { count: 100 })).metadata.credits_consumed).toBe(4);
  });

  it("filters by category", async () => {
    const { mailbox } = createFixtureMailbox(15, () => 1);
    const unread = await listInbox(mailbox, { category: "UNREAD", count: 100 });
    expect(unread.data.conversations.length).toBeGreaterThan(0);
    expect(unread.data.conversations.every((conversation) => conversation.unread > 0)).toBe(true);
    const inmail = await listInbox(mailbox, { category: "INMAIL", count: 100 });
    expect(inmail.data.conversations.every((conversation) => conversation.type === "inmail")).toBe(true);
  });

  it("pages stably while new messages arrive: nothing that did not move is skipped or repeated", async () => {
    const { mailbox, receive } = createFixtureMailbox(30, () => 2);
    const seen: string[] = [];
    let page = await listInbox(mailbox, { count: 7 });
    seen.push(...page.data.conversations.map((conversation) => conversation.conversation_id));
    // One conversation already returned and one not yet returned get new messages and jump to the top.
    receive(3, NOW + 1_000);
    receive(20, NOW + 2_000);
    const moved = new Set([conversationUrn(3), conversationUrn(20)]);
    while (page.data.next_cursor !== null) {
      page = await listInbox(mailbox, { count: 7, cursor: page.data.next_cursor });
      seen.push(...page.data.conversations.map((conversation) => conversation.conversation_id));
    }
    expect(new Set(seen).size).toBe(seen.length);
    const everyUnmoved = Array.from({ length: 30 }, (_, index) => conversationUrn(index)).filter((id) => !moved.has(id));
    expect(seen.filter((id) => !moved.has(id)).sort()).toEqual(everyUnmoved.sort());
  });

  it.each([
    [{ count: 0 }],
    [{ count: 101 }],
    [{ count: 2.5 }],
    [{ count: "10" }],
    [{ category: "ARCHIVED" }],
    [{ cursor: "not a cursor!" }],
    [{ cursor: Buffer.from("ASCENDING&1&2-x").toString("base64") }],
    [{ cursor: Buffer.from("DESCENDING&soon&2-x").toString("base64") }],
    [{ cursor: "" }],
  ])("rejects bad params %j with 400 INVALID_PARAMS", async (params) => {
    const { mailbox } = createFixtureMailbox(3, () => 1);
    await expectError(mailbox, { action: "list_inbox", params }, 400, "INVALID_PARAMS", "list_inbox");
  });

  it("accepts the count bounds 1 and 100", async () => {
    const { mailbox } = createFixtureMailbox(120, () => 1);
    expect((await listInbox(mailbox, { count: 1 })).data.total_results).toBe(1);
    expect((await listInbox(mailbox, { count: 100 })).data.total_results).toBe(100);
  });
});

describe("get_conversation", () => {
  it("answers the seed page's shape, most recent first, whatever order the mailbox keeps", async () => {
    const { mailbox } = createFixtureMailbox(3, () => 15);
    const body = await getConversation(mailbox, { conversation_id: conversationUrn(1) });
    expect(body.data.messages).toHaveLength(10);
    expect(body.data.total_message_count).toBe(15);
    const timestamps = body.data.messages.map((message) => message.timestamp);
    expect(timestamps).toEqual([...timestamps].sort((a, b) => b - a));
    expect(body.data.last_seen_message).toBe(true);
    expect(body.metadata.credits_consumed).toBe(1);
  });

  it("pages to the end with next_cursor = the next older message's timestamp, omitted at the end", async () => {
    const { mailbox } = createFixtureMailbox(2, () => 23);
    const collected: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const body = await getConversation(mailbox, { conversation_id: conversationUrn(0), count: 10, ...(cursor ? { cursor } : {}) });
      collected.push(...body.data.messages.map((message) => message.timestamp));
      cursor = body.data.next_cursor;
      if (cursor !== undefined) expect(Number(cursor)).toBeLessThan(body.data.messages.at(-1)!.timestamp);
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(collected).toHaveLength(23);
    expect(new Set(collected).size).toBe(23);
    expect(collected).toEqual([...collected].sort((a, b) => b - a));
  });

  it("accepts a numeric cursor and returns messages with timestamp <= cursor", async () => {
    const { mailbox } = createFixtureMailbox(1, () => 5);
    const all = await getConversation(mailbox, { conversation_id: conversationUrn(0), count: 5 });
    const third = all.data.messages[2]!.timestamp;
    const fromThird = await getConversation(mailbox, { conversation_id: conversationUrn(0), cursor: third });
    expect(fromThird.data.messages.map((message) => message.timestamp)).toEqual(all.data.messages.slice(2).map((m) => m.timestamp));
    expect(fromThird.data).not.toHaveProperty("next_cursor");
  });

  it.each(["profile_url", "linkedin_url"])("resolves the conversation by %s, with or without the trailing slash", async (param) => {
    const { mailbox } = createFixtureMailbox(4, () => 2);
    for (const url of ["https://www.linkedin.com/in/person-2", "https://www.linkedin.com/in/person-2/"]) {
      const body = await getConversation(mailbox, { [param]: url });
      expect(body.data.messages[0]!.text).toBe("message 0 of person-2");
    }
  });

  it("answers 400 INVALID_PARAMS 'Conversation not found' for an unknown conversation or profile", async () => {
    const { mailbox } = createFixtureMailbox(2, () => 2);
    for (const params of [{ conversation_id: "urn:li:msg_conversation:(nope)" }, { profile_url: "https://www.linkedin.com/in/nobody" }]) {
      const body = await expectError(mailbox, { action: "get_conversation", params }, 400, "INVALID_PARAMS", "get_conversation");
      expect(body.error.message).toBe("Conversation not found");
    }
  });

  it.each([[{}], [{ conversation_id: conversationUrn(0), count: 0 }], [{ conversation_id: conversationUrn(0), count: 101 }], [{ conversation_id: conversationUrn(0), cursor: "yesterday" }]])(
    "rejects bad params %j with 400 INVALID_PARAMS",
    async (params) => {
      const { mailbox } = createFixtureMailbox(1, () => 2);
      await expectError(mailbox, { action: "get_conversation", params }, 400, "INVALID_PARAMS", "get_conversation");
    },
  );

  it("bills one credit per 10 messages", async () => {
    const { mailbox } = createFixtureMailbox(1, () => 100);
    expect((await getConversation(mailbox, { conversation_id: conversationUrn(0), count: 100 })).metadata.credits_consumed).toBe(10);
    expect((await getConversation(mailbox, { conversation_id: conversationUrn(0), count: 11 })).metadata.credits_consumed).toBe(2);
  });
});

describe("errors in Linkup's shape", () => {
  const { mailbox } = createFixtureMailbox(2, () => 1);

  it("403 INVALID_API_KEY for a missing or wrong key", async () => {
    await expectError(mailbox, { action: "list_inbox", apiKey: null }, 403, "INVALID_API_KEY", "list_inbox");
    await expectError(mailbox, { action: "list_inbox", apiKey: "stolen" }, 403, "INVALID_API_KEY", "list_inbox");
  });

  it("404 INVALID_ACCOUNT for another account", async () => {
    await expectError(mailbox, { action: "list_inbox", accountId: "acc_other" }, 404, "INVALID_ACCOUNT", "list_inbox");
  });

  it("400 INVALID_ACTION for an unknown action", async () => {
    await expectError(mailbox, { action: "delete_everything" }, 400, "INVALID_ACTION", "delete_everything");
  });

  it("400 INVALID_PARAMS for a malformed body", async () => {
    await expectError(mailbox, { body: "{not json" }, 400, "INVALID_PARAMS", null);
    await expectError(mailbox, { body: JSON.stringify({ action: "list_inbox" }) }, 400, "INVALID_PARAMS", "list_inbox");
    await expectError(mailbox, { action: "list_inbox", params: ["count", 3] }, 400, "INVALID_PARAMS", "list_inbox");
  });

  it("404 JSON for other paths and methods", async () => {
    await expectError(mailbox, { url: "https://fake-linkup.test/v2/accounts", action: "list_inbox" }, 404, "NOT_FOUND", null);
    await expectError(mailbox, { method: "GET" }, 404, "NOT_FOUND", null);
  });
});

describe("send", () => {
  const sendBody = z.strictObject({
    success: z.literal(true),
    data: z.strictObject({ entityUrn: z.string(), conversation_id: z.string(), deliveredAt: z.iso.datetime() }),
    metadata: successMetadata("send"),
  });

  it("appends the rep's message to the conversation with that profile and names it as the thread then shows it, for 1 credit", async () => {
    const fixture = createUpstreamFixture(NOW - 60_000);
    const conversationId = fixture.conversationIds()[2] ?? "";
    const profileUrl = fixture.mailbox.thread(conversationId)?.conversation.participant.profile_url ?? "";
    const { status, json } = await send(fixture.mailbox, { action: "send", params: { profile_url: `${profileUrl.toUpperCase()}/`, message_text: "On my way" } });
    expect(status).toBe(200);
    const body = sendBody.parse(json);
    expect(body.metadata.credits_consumed).toBe(1);
    expect(body.data.conversation_id).toBe(conversationId);

    const [newest] = (await getConversation(fixture.mailbox, { conversation_id: conversationId, count: 1 })).data.messages;
    expect(newest).toMatchObject({ text: "On my way", entity_urn: body.data.entityUrn, sender_info: { profile_url: FIXTURE_SELF.profileUrl } });
    expect(Date.parse(body.data.deliveredAt)).toBe(newest?.timestamp);
  });

  it("refuses a profile without a conversation, a missing text, and a mailbox that cannot send", async () => {
    const fixture = createUpstreamFixture(NOW - 60_000);
    await expectError(fixture.mailbox, { action: "send", params: { profile_url: "https://www.linkedin.com/in/nobody", message_text: "hi" } }, 400, "INVALID_PARAMS", "send");
    await expectError(fixture.mailbox, { action: "send", params: { profile_url: "https://www.linkedin.com/in/person-0" } }, 400, "INVALID_PARAMS", "send");
    const { mailbox: readOnly } = createFixtureMailbox(1, () => 1);
    await expectError(readOnly, { action: "send", params: { profile_url: "https://www.linkedin.com/in/person-0", message_text: "hi" } }, 400, "INVALID_ACTION", "send");
  });
});
