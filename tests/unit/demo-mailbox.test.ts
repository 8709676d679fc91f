import { describe, expect, it } from "vitest";
import { CATEGORIES, type Category } from "@/lib/contracts/api";
import { createDemoLinkupFetch, createDemoMailbox, DEMO_ACCOUNT } from "@/lib/server/demo";
import { LIVE_NO_REPEAT_MS, liveMessagesAt } from "@/lib/server/demo/live";
import type { WireConversation, WireMessage } from "@/lib/server/linkup-v2-simulator/wire-types";

const BASE_URL = "https://demo.threadline.invalid/v2";
/** A Wednesday afternoon: two and a half days of live messages since the week's anchor. */
const WEDNESDAY = Date.UTC(2026, 3, 29, 14, 0, 0);
const WEEK_ANCHOR = Date.UTC(2026, 3, 27);
const MINUTE = 60_000;

type InboxData = { conversations: WireConversation[]; total_results: number; next_cursor: string | null };
type ThreadData = { total_message_count: number; unread_count: number; messages: WireMessage[]; next_cursor?: string };

async function post(fetchAt: typeof fetch, action: string, params: Record<string, unknown>): Promise<Response> {
  return fetchAt(`${BASE_URL}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": DEMO_ACCOUNT.apiKey },
    body: JSON.stringify({ account_id: DEMO_ACCOUNT.accountId, action, params }),
  });
}

async function listInbox(fetchAt: typeof fetch, params: Record<string, unknown>): Promise<InboxData> {
  const response = await post(fetchAt, "list_inbox", params);
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: InboxData }).data;
}

async function getConversation(fetchAt: typeof fetch, params: Record<string, unknown>): Promise<ThreadData> {
  const response = await post(fetchAt, "get_conversation", params);
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: ThreadData }).data;
}

async function wholeInbox(fetchAt: typeof fetch, category: Category, count: number): Promise<WireConversation[]> {
  const all: WireConversation[] = [];
  let cursor: string | null = null;
  do {
    const page: InboxData = await listInbox(fetchAt, { category, count, ...(cursor === null ? {} : { cursor }) });
    all.push(...page.conversations);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return all;
}

function fetchAt(nowMs: number): typeof fetch {
  return createDemoLinkupFetch({ now: () => nowMs });
}

function allMessages(nowMs: number): { conversation: WireConversation; messages: readonly WireMessage[] }[] {
  const mailbox = createDemoMailbox(nowMs);
  return mailbox.conversations("INBOX").map((conversation) => ({
    conversation,
    messages: mailbox.thread(conversation.conversation_id)?.messages ?? [],
  }));
}

const SELF_URLS = new Set([DEMO_ACCOUNT.selfProfileUrl, DEMO_ACCOUNT.selfProfileUrl.replace(/\/$/, "")]);

describe("demo inbox", () => {
  it("has at least 200 conversations and every category is non-empty", async () => {
    const demo = fetchAt(WEDNESDAY);
    expect((await wholeInbox(demo, "INBOX", 100)).length).toBeGreaterThanOrEqual(200);
    for (const category of CATEGORIES) expect((await wholeInbox(demo, category, 100)).length).toBeGreaterThan(0);
  });

  it.each(CATEGORIES)("pages %s to the end returning each conversation exactly once, newest first", async (category) => {
    const demo = fetchAt(WEDNESDAY);
    const pagedSmall = await wholeInbox(demo, category, 7);
    const ids = pagedSmall.map((conversation) => conversation.conversation_id);
    expect(new Set(ids).size).toBe(ids.length);
    const inOnePage = await wholeInbox(demo, category, 100);
    expect(ids).toEqual(inOnePage.map((conversation) => conversation.conversation_id));
    const times = pagedSmall.map((conversation) => conversation.last_message.time);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("puts the right conversations in each category", async () => {
    const demo = fetchAt(WEDNESDAY);
    const inbox = await wholeInbox(demo, "INBOX", 100);
    const unread = await wholeInbox(demo, "UNREAD", 100);
    expect(unread.every((conversation) => conversation.unread > 0)).toBe(true);
    expect(unread.length).toBe(inbox.filter((conversation) => conversation.unread > 0).length);
    const inmail = await wholeInbox(demo, "INMAIL", 100);
    expect(new Set(inmail.map((conversation) => conversation.type))).toEqual(new Set(["inmail", "Sponsored"]));
    const sponsored = inmail.filter((conversation) => conversation.type === "Sponsored");
    expect(sponsored.length).toBeGreaterThan(0);
    expect(sponsored.every((conversation) => conversation.participant.is_organization === true)).toBe(true);
    const connections = await wholeInbox(demo, "MY_CONNECTIONS", 100);
    expect(connections.every((conversation) => conversation.type === "normal")).toBe(true);
    expect(inbox.some((conversation) => conversation.participant.is_organization === true && conversation.type === "normal")).toBe(true);
    expect(inbox.filter((conversation) => conversation.participant.is_organization !== undefined).every((c) => c.participant.is_organization)).toBe(true);
  });

  it("marks the rep's own last messages with is_me", async () => {
    const inbox = await wholeInbox(fetchAt(WEDNESDAY), "INBOX", 100);
    const mine = inbox.filter((conversation) => conversation.last_message.sender.is_me);
    expect(mine.length).toBeGreaterThan(10);
    expect(mine.every((conversation) => SELF_URLS.has(conversation.last_message.sender.profile_url ?? ""))).toBe(true);
    expect(inbox.some((conversation) => !conversation.last_message.sender.is_me)).toBe(true);
  });
});

describe("demo threads", () => {
  it("has a 2,000+ message thread among the first ten conversations, paged to the end exactly once, newest first", async () => {
    const demo = fetchAt(WEDNESDAY);
    const firstPage = await listInbox(demo, { count: 10 });
    const long = firstPage.conversations.find((conversation) => conversation.participant.name === "Evelyn Hartmann");
    expect(long).toBeDefined();
    const timestamps: number[] = [];
    const urns = new Set<string>();
    let cursor: string | undefined;
    let total = 0;
    do {
      const page = await getConversation(demo, { conversation_id: long!.conversation_id, count: 100, ...(cursor ? { cursor } : {}) });
      total = page.total_message_count;
      for (const message of page.messages) {
        timestamps.push(message.timestamp);
        urns.add(message.entity_urn);
      }
      cursor = page.next_cursor;
    } while (cursor !== undefined);
    expect(total).toBeGreaterThanOrEqual(2_000);
    expect(timestamps).toHaveLength(total);
    expect(urns.size).toBe(total);
    for (let index = 1; index < timestamps.length; index += 1) expect(timestamps[index]!).toBeLessThan(timestamps[index - 1]!);
  });

  it("finds a conversation by the participant's profile URL, with or without the trailing slash", async () => {
    const demo = fetchAt(WEDNESDAY);
    const [conversation] = (await listInbox(demo, { count: 30 })).conversations.slice(12, 13);
    const profileUrl = conversation!.participant.profile_url!;
    for (const url of [profileUrl, `${profileUrl}/`]) {
      const thread = await getConversation(demo, { profile_url: url, count: 1 });
      expect(thread.messages[0]!.timestamp).toBe(conversation!.last_message.time);
    }
  });

  it("holds 1-message threads, TEXT/INVITATION/SHARED_POST, non-Latin scripts, emoji, links and long texts", () => {
    const threads = allMessages(WEDNESDAY);
    const messages = threads.flatMap((thread) => thread.messages);
    const texts = messages.map((message) => message.text).join("\n");
    const names = threads.map((thread) => thread.conversation.participant.name).join("\n");
    expect(threads.some((thread) => thread.messages.length === 1)).toBe(true);
    expect(new Set(messages.map((message) => message.message_type))).toEqual(new Set(["TEXT", "INVITATION", "SHARED_POST"]));
    for (const script of [/\p{Script=Han}/u, /\p{Script=Arabic}/u, /\p{Script=Cyrillic}/u, /\p{Script=Devanagari}/u, /\p{Script=Hangul}/u]) {
      expect(names).toMatch(script);
      expect(texts).toMatch(script);
    }
    expect(texts).toMatch(/\p{Script=Hiragana}/u);
    expect(texts).toMatch(/\p{Extended_Pictographic}/u);
    expect(texts).toMatch(/https:\/\/\S+/);
    expect(messages.some((message) => message.text.length > 500)).toBe(true);
    expect(texts).not.toMatch(/\{[a-zA-Z]+\}/);
  });

  it("writes some messages as the rep, with the profile URL sometimes missing its trailing slash", () => {
    const urls = allMessages(WEDNESDAY).flatMap((thread) => thread.messages.map((message) => message.sender_info.profile_url ?? ""));
    expect(urls).toContain(DEMO_ACCOUNT.selfProfileUrl);
    expect(urls).toContain(DEMO_ACCOUNT.selfProfileUrl.replace(/\/$/, ""));
  });

  it("keeps timestamps unique within every conversation and the history before the week's anchor", () => {
    for (const { conversation, messages } of allMessages(Date.UTC(2026, 4, 3, 23, 59))) {
      expect(new Set(messages.map((message) => message.timestamp)).size).toBe(messages.length);
      expect(new Set(messages.map((message) => message.entity_urn)).size).toBe(messages.length);
      expect(Math.max(...messages.map((message) => message.timestamp))).toBe(conversation.last_message.time);
    }
    const justAfterAnchor = allMessages(WEEK_ANCHOR + 1);
    expect(justAfterAnchor.every(({ messages }) => messages.every((message) => message.timestamp < WEEK_ANCHOR))).toBe(true);
  });
});

describe("demo determinism and live messages", () => {
  it("answers the same bytes for the same clock, from separate fetch instances", async () => {
    const bodies = await Promise.all(
      [fetchAt(WEDNESDAY), fetchAt(WEDNESDAY)].map(async (demo) => {
        const inbox = await (await post(demo, "list_inbox", { count: 50 })).text();
        const id = (JSON.parse(inbox) as { data: InboxData }).data.conversations[0]!.conversation_id;
        return inbox + (await (await post(demo, "get_conversation", { conversation_id: id, count: 40 })).text());
      }),
    );
    expect(bodies[0]).toBe(bodies[1]);
  });

  it("delivers new messages every few tens of seconds, reordering the inbox and raising unread counts", async () => {
    const before = (await listInbox(fetchAt(WEDNESDAY), { count: 20 })).conversations;
    const later = WEDNESDAY + 10 * MINUTE;
    const after = (await listInbox(fetchAt(later), { count: 20 })).conversations;

    const moved = after.filter((conversation) => {
      const earlier = before.find((candidate) => candidate.conversation_id === conversation.conversation_id);
      return earlier === undefined || earlier.last_message.time < conversation.last_message.time;
    });
    expect(moved.length).toBeGreaterThan(0);
    expect(after[0]!.last_message.time).toBeGreaterThan(WEDNESDAY);
    expect(after[0]!.last_message.time).toBeLessThanOrEqual(later);

    const mailboxBefore = createDemoMailbox(WEDNESDAY);
    const mailboxAfter = createDemoMailbox(later);
    const liveIds = new Set(moved.map((conversation) => conversation.conversation_id));
    let arrived = 0;
    for (const id of liveIds) {
      arrived += mailboxAfter.thread(id)!.messages.length - mailboxBefore.thread(id)!.messages.length;
    }
    // 20 slots of 30 s in 10 minutes, most of which carry a message.
    expect(arrived).toBeGreaterThanOrEqual(8);
    expect(arrived).toBeLessThanOrEqual(20);

    const gotIncoming = moved.find((conversation) => !conversation.last_message.sender.is_me);
    expect(gotIncoming?.unread).toBeGreaterThan(0);
  });

  it("never repeats a line in a conversation within an hour of demo time, all week long", () => {
    const anchor = WEEK_ANCHOR;
    const perPersona = liveMessagesAt(anchor, anchor + 7 * 24 * 60 * MINUTE);
    let checked = 0;
    for (const messages of perPersona) {
      const lastSent = new Map<string, number>();
      for (const message of messages) {
        const before = lastSent.get(message.text);
        if (before !== undefined) expect(message.timestamp - before, message.text).toBeGreaterThanOrEqual(LIVE_NO_REPEAT_MS);
        lastSent.set(message.text, message.timestamp);
        checked++;
      }
    }
    // Still alive: most 30 s slots of the week carry a message.
    expect(checked).toBeGreaterThan(7 * 24 * 120 * 0.5);
  });

  it("a message shows up exactly when its time comes", () => {
    const [mostRecent] = [...createDemoMailbox(WEDNESDAY).conversations("INBOX")].sort((a, b) => b.last_message.time - a.last_message.time);
    const id = mostRecent!.conversation_id;
    const newest = createDemoMailbox(WEDNESDAY).thread(id)!.messages[0]!;
    expect(createDemoMailbox(newest.timestamp - 1).thread(id)!.messages[0]!.entity_urn).not.toBe(newest.entity_urn);
    expect(createDemoMailbox(newest.timestamp).thread(id)!.messages[0]!.entity_urn).toBe(newest.entity_urn);
  });

  it("pages the inbox stably while live messages arrive between pages", async () => {
    const first = await listInbox(fetchAt(WEDNESDAY), { count: 10 });
    const later = WEDNESDAY + 5 * MINUTE;
    const rest = [...first.conversations];
    let cursor = first.next_cursor;
    while (cursor !== null) {
      const page = await listInbox(fetchAt(later), { count: 10, cursor });
      rest.push(...page.conversations);
      cursor = page.next_cursor;
    }
    const ids = rest.map((conversation) => conversation.conversation_id);
    expect(new Set(ids).size).toBe(ids.length);
    const timesBefore = new Map((await wholeInbox(fetchAt(WEDNESDAY), "INBOX", 100)).map((c) => [c.conversation_id, c.last_message.time]));
    const unmoved = (await wholeInbox(fetchAt(later), "INBOX", 100)).filter((c) => timesBefore.get(c.conversation_id) === c.last_message.time);
    for (const conversation of unmoved) expect(ids).toContain(conversation.conversation_id);
  });

  it("stays cheap: a request late in the week costs a few milliseconds once warm", async () => {
    const sunday = Date.UTC(2026, 4, 3, 23, 0);
    const demo = createDemoLinkupFetch({ now: (() => { let t = sunday; return () => (t += 30_000); })() });
    await listInbox(demo, { count: 20 });
    const started = performance.now();
    for (let round = 0; round < 20; round += 1) await listInbox(demo, { count: 20 });
    expect((performance.now() - started) / 20).toBeLessThan(25);
  });

  it("rejects when the request's signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(fetchAt(WEDNESDAY)(`${BASE_URL}/messages`, { method: "POST", body: "{}", signal: controller.signal })).rejects.toThrow();
  });
});
