import { describe, expect, it } from "vitest";
import type { Category, Conversation, Message } from "@/lib/contracts/api";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import type { LinkupMailbox } from "@/lib/server/linkup-v2-simulator/mailbox";
import type { WireMessage } from "@/lib/server/linkup-v2-simulator/wire-types";
import { createConnectSafelyProvider } from "@/lib/server/providers/connectsafely/adapter";
import type { InboxProvider } from "@/lib/server/providers/types";
import { handleConnectSafelyRequest, type ConnectSafelyFakeContext } from "@/tests/fake-upstream/connectsafely";
import { createFixtureMailbox, FIXTURE_CONVERSATION_COUNT, FIXTURE_SELF, LONG_THREAD_LENGTH, LONG_THREAD_NAME } from "@/tests/fake-upstream/fixture-mailbox";

const NEWEST = Date.parse("2026-03-02T09:00:00Z");
const signal = new AbortController().signal;

/** The fixture mailbox, plus messages a test slips in directly (append cannot make two share a millisecond). */
function setup(options: { apiKey?: string; accountId?: string; rateLimit?: number; now?: () => number } = {}) {
  const fixture = createFixtureMailbox(NEWEST);
  const extra = new Map<string, WireMessage[]>();
  const mailbox: LinkupMailbox = {
    conversations: (category) => fixture.mailbox.conversations(category),
    thread: (id) => {
      const thread = fixture.mailbox.thread(id);
      return thread && { ...thread, messages: [...thread.messages, ...(extra.get(id) ?? [])] };
    },
  };
  const ctx: ConnectSafelyFakeContext = { mailbox, apiKey: "cs-key", accountId: "acc-cs", self: FIXTURE_SELF, rateLimit: options.rateLimit, now: options.now };
  const calls: URL[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    calls.push(new URL(String(input)));
    return handleConnectSafelyRequest(new Request(String(input), init), ctx);
  };
  const cs = createConnectSafelyProvider({
    baseUrl: "https://api.connectsafely.test/linkedin",
    fetch: fetchFn,
    timeoutMs: 5_000,
    apiKey: options.apiKey ?? "cs-key",
    accountId: options.accountId ?? "acc-cs",
    retry: NO_RETRY,
    now: options.now,
  });
  const slipIn = (conversationId: string, message: WireMessage) => extra.set(conversationId, [...(extra.get(conversationId) ?? []), message]);
  return { fixture, mailbox, ctx, calls, cs, slipIn, ids: fixture.conversationIds() };
}

async function readThread(cs: InboxProvider, conversationId: string, limit: number) {
  const messages: Message[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages <= 500; pages++) {
    const page = await cs.listMessages({ conversationId, limit, cursor }, signal);
    messages.push(...page.items);
    if (page.nextCursor === null) return { messages, pages, participants: page.participants };
    cursor = page.nextCursor;
  }
  throw new Error("thread paging did not terminate");
}

async function readInbox(cs: InboxProvider, category: Category, limit: number) {
  const conversations: Conversation[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages <= 100; pages++) {
    const page = await cs.listConversations({ category, limit, cursor }, signal);
    conversations.push(...page.items);
    if (page.nextCursor === null) return { conversations, pages };
    cursor = page.nextCursor;
  }
  throw new Error("inbox paging did not terminate");
}

const newestFirstTexts = (messages: readonly WireMessage[]) => [...messages].sort((a, b) => b.timestamp - a.timestamp).map((m) => m.text);

describe("ConnectSafely adapter against the fake wire server: threads", () => {
  it("reads the 1,500-message thread page by page: every message once, newest first, in order", async () => {
    const { cs, mailbox, ids, calls } = setup();
    const id = ids[0]!;
    const { messages, pages, participants } = await readThread(cs, id, 30);

    expect(messages).toHaveLength(LONG_THREAD_LENGTH);
    expect(new Set(messages.map((m) => m.id)).size).toBe(LONG_THREAD_LENGTH);
    expect(messages.map((m) => m.text)).toEqual(newestFirstTexts(mailbox.thread(id)!.messages));
    // Full pages of 30 new messages each: the one re-read at the anchor is asked for on top.
    expect(pages).toBe(LONG_THREAD_LENGTH / 30);
    expect(calls.map((url) => url.searchParams.get("countBefore"))).toEqual(["30", ...Array.from({ length: pages - 1 }, () => "31")]);

    // Oldest message is #1 (from Lena), #2 is the rep's: fromMe comes from profileUrn, not guessed.
    const oldestFirst = [...messages].reverse();
    expect(oldestFirst.slice(0, 4).map((m) => [m.sender.name, m.fromMe])).toEqual([
      [LONG_THREAD_NAME, false],
      [FIXTURE_SELF.name, true],
      [LONG_THREAD_NAME, false],
      [FIXTURE_SELF.name, true],
    ]);
    expect(oldestFirst[6]?.attachments).toEqual([{ type: "image", url: expect.stringMatching(/^https:\/\//) }]);
    expect(oldestFirst[10]?.reactions).toEqual([{ emoji: "👍", count: 1, viewerReacted: true }]);
    expect(messages.filter((m) => m.attachments.length > 0)).toHaveLength(Math.floor(LONG_THREAD_LENGTH / 7));
    expect(participants).toEqual([expect.objectContaining({ name: LONG_THREAD_NAME, headline: expect.any(String) })]);
  });

  it("shows the subject of an InMail conversation's first message only", async () => {
    const { cs, mailbox, ids } = setup();
    const inmailId = ids.find((id) => mailbox.thread(id)?.conversation.type === "inmail")!;
    const { messages } = await readThread(cs, inmailId, 100);
    expect(messages.at(-1)?.subject).toEqual(expect.stringContaining("An idea for your team"));
    expect(messages.slice(0, -1).every((m) => m.subject === undefined)).toBe(true);
  });

  it("since: after 3 new messages (two in one millisecond) returns exactly those with sentAt >= since, boundary included", async () => {
    const { cs, fixture, slipIn, ids } = setup();
    const id = ids[2]!;
    const before = await cs.messagesSince({ conversationId: id, since: NEWEST + 1 }, signal);
    expect(before.items).toEqual([]);

    const t = NEWEST + 60_000;
    const first = fixture.append(id, "new 1 (at t)", true, t)!;
    expect(first.timestamp).toBe(t);
    const twin = (n: number): WireMessage => ({ ...first, text: `new ${n} (at t+5)`, timestamp: t + 5, entity_urn: `urn:li:msg_message:(twin,${n})`, sender: "Someone" });
    slipIn(id, twin(2));
    slipIn(id, twin(3));

    const since = await cs.messagesSince({ conversationId: id, since: t }, signal);
    expect(since.items.map((m) => m.text).sort()).toEqual(["new 1 (at t)", "new 2 (at t+5)", "new 3 (at t+5)"]);
    expect(since.items.map((m) => m.sentAt)).toEqual([t + 5, t + 5, t]);
    expect(new Set(since.items.map((m) => m.id)).size).toBe(3);
    expect(since.items.at(-1)?.fromMe).toBe(true);
    expect(since).toMatchObject({ nextCursor: null, truncated: false });

    const justAfter = await cs.messagesSince({ conversationId: id, since: t + 1 }, signal);
    expect(justAfter.items.map((m) => m.text).sort()).toEqual(["new 2 (at t+5)", "new 3 (at t+5)"]);
    const atTwins = await cs.messagesSince({ conversationId: id, since: t + 5 }, signal);
    expect(atTwins.items).toHaveLength(2);
  });

  it("since: reads forward past one page of new messages, each once", async () => {
    const { cs, fixture, ids, calls } = setup();
    const id = ids[4]!;
    const since = NEWEST + 1_000;
    for (let n = 0; n < 230; n++) fixture.append(id, `burst ${n}`, n % 3 === 0, since + Math.floor(n / 2));
    calls.length = 0;
    const page = await cs.messagesSince({ conversationId: id, since }, signal);
    expect(page.items).toHaveLength(230);
    expect(new Set(page.items.map((m) => m.id)).size).toBe(230);
    expect(page.items[0]?.text).toBe("burst 229");
    expect(page.truncated).toBe(false);
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.every((url) => url.searchParams.get("countAfter") === "100")).toBe(true);
  });
});

describe("ConnectSafely adapter against the fake wire server: inbox", () => {
  it("INBOX pages through every conversation exactly once, most recent first", async () => {
    const { cs, ids, calls } = setup();
    const { conversations, pages } = await readInbox(cs, "INBOX", 10);
    expect(conversations).toHaveLength(FIXTURE_CONVERSATION_COUNT);
    expect(new Set(conversations.map((c) => c.id))).toEqual(new Set(ids));
    expect(pages).toBe(Math.ceil(FIXTURE_CONVERSATION_COUNT / 10));
    const times = conversations.map((c) => c.lastMessage?.sentAt ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(conversations[0]?.participant.name).toBe(LONG_THREAD_NAME);
    expect(calls.every((url) => !url.searchParams.has("read"))).toBe(true);
  });

  it("UNREAD asks for read=false and pages through exactly the unread conversations once", async () => {
    const { cs, fixture, calls } = setup();
    const unread = fixture.mailbox.conversations("UNREAD").map((c) => c.conversation_id);
    expect(unread.length).toBeGreaterThan(7);
    const { conversations } = await readInbox(cs, "UNREAD", 7);
    expect(conversations.map((c) => c.id).sort()).toEqual([...unread].sort());
    expect(conversations.every((c) => c.unreadCount > 0)).toBe(true);
    expect(calls.every((url) => url.searchParams.get("read") === "false")).toBe(true);
  });

  it("a new message moves its conversation to the top; the rep's own last message is told apart, in a two-person row at once", async () => {
    const { cs, fixture, ids } = setup();
    const id = ids[40]!;
    fixture.append(id, "Back to the top", true, NEWEST + 5_000);
    const first = await cs.listConversations({ category: "INBOX", limit: 5 }, signal);
    expect(first.items[0]).toMatchObject({ id, lastMessage: { text: "Back to the top", fromMe: true } });
    await cs.listMessages({ conversationId: id, limit: 5 }, signal);
    const again = await cs.listConversations({ category: "INBOX", limit: 5 }, signal);
    expect(again.items[0]?.lastMessage?.fromMe).toBe(true);
    expect(again.items.slice(1).every((c) => c.lastMessage?.fromMe !== null)).toBe(true);
  });
});

describe("ConnectSafely adapter against the fake wire server: failures", () => {
  it("a wrong API key is upstream_auth; a wrong account is upstream_auth; an unknown conversation is not_found", async () => {
    await expect(setup({ apiKey: "wrong" }).cs.listConversations({ category: "INBOX", limit: 5 }, signal)).rejects.toMatchObject({ code: "upstream_auth" });
    const otherAccount = setup({ accountId: "acc-other" });
    await expect(otherAccount.cs.listConversations({ category: "INBOX", limit: 5 }, signal)).rejects.toMatchObject({ code: "upstream_auth" });
    await expect(otherAccount.cs.listMessages({ conversationId: otherAccount.ids[0]!, limit: 5 }, signal)).rejects.toMatchObject({ code: "upstream_auth" });
    await expect(setup().cs.listMessages({ conversationId: "2-nope==", limit: 5 }, signal)).rejects.toMatchObject({ code: "not_found" });
  });

  it("past its rate limit, the adapter says when to come back (the window's reset)", async () => {
    const now = () => Date.parse("2026-03-02T09:00:15Z");
    const { cs } = setup({ rateLimit: 2, now });
    await cs.listConversations({ category: "INBOX", limit: 5 }, signal);
    await cs.listConversations({ category: "INBOX", limit: 5 }, signal);
    await expect(cs.listConversations({ category: "INBOX", limit: 5 }, signal)).rejects.toMatchObject({ code: "rate_limited", retryAfter: 45 });
  });
});

describe("the fake ConnectSafely wire server", () => {
  const get = (ctx: ConnectSafelyFakeContext, path: string, query: Record<string, string>, key = "cs-key") =>
    handleConnectSafelyRequest(new Request(`https://x.test/linkedin/messaging/${path}?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${key}` } }), ctx);

  it("accepts every documented conversationUrn form", async () => {
    const { ctx, ids } = setup();
    const urn = ids[3]!;
    const threadId = /,(2-[^,()]+)\)$/.exec(urn)?.[1] ?? "";
    const plain = (await (await get(ctx, "conversation-details", { conversationUrn: urn })).json()) as { messages: Array<{ messageId: string }>; total: number };
    const forms = [threadId, `urn:li:messagingThread:${threadId}`, `urn:li:messagingThread:(${threadId})`, plain.messages[0]!.messageId];
    for (const form of forms) {
      const response = await get(ctx, "conversation-details", { conversationUrn: form });
      expect(response.status, form).toBe(200);
      expect(await response.json()).toMatchObject({ success: true, conversationUrn: urn, total: plain.total });
    }
  });

  it("answers with the documented errors and X-RateLimit-* headers on every response", async () => {
    const { ctx, ids } = setup();
    const unauthorized = await get(ctx, "recent-messages", {}, "nope");
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toEqual({ error: "Unauthorized" });
    const missing = await get(ctx, "conversation-details", {});
    expect([missing.status, await missing.json()]).toEqual([400, { success: false, error: "conversationUrn is required" }]);
    const account = await get(ctx, "recent-messages", { accountId: "someone-else" });
    expect([account.status, await account.json()]).toEqual([404, { success: false, error: "Account not found" }]);
    const ok = await get(ctx, "conversation-details", { conversationUrn: ids[1]! });
    for (const response of [unauthorized, missing, account, ok]) {
      for (const header of ["Action", "Limit", "Used", "Remaining", "Reset"]) expect(response.headers.get(`X-RateLimit-${header}`)).toBeTruthy();
    }
    expect(Number.isNaN(Date.parse(ok.headers.get("X-RateLimit-Reset") ?? ""))).toBe(false);
  });

  it("treats deliveredAt as inclusive on both sides and keeps pagination accurate", async () => {
    const { ctx, ids, mailbox } = setup();
    const id = ids[0]!;
    const times = mailbox.thread(id)!.messages.map((m) => m.timestamp).sort((a, b) => a - b);
    const anchor = times[100]!;
    type Body = { messages: Array<{ sentAt: number }>; pagination: { firstMessageAt: number; lastMessageAt: number; hasMoreBefore: boolean; hasMoreAfter: boolean } };
    const before = (await (await get(ctx, "conversation-details", { conversationUrn: id, deliveredAt: String(anchor), countBefore: "3" })).json()) as Body;
    expect(before.messages.map((m) => m.sentAt).sort((a, b) => a - b)).toEqual(times.slice(98, 101));
    expect(before.pagination).toEqual({ firstMessageAt: times[98], lastMessageAt: anchor, hasMoreBefore: true, hasMoreAfter: true });
    const after = (await (await get(ctx, "conversation-details", { conversationUrn: id, deliveredAt: String(anchor), countAfter: "2" })).json()) as Body;
    expect(after.messages.map((m) => m.sentAt).sort((a, b) => a - b)).toEqual(times.slice(100, 102));
    const oldest = (await (await get(ctx, "conversation-details", { conversationUrn: id, deliveredAt: String(times[1]), countBefore: "5" })).json()) as Body;
    expect(oldest.pagination.hasMoreBefore).toBe(false);
  });
});
