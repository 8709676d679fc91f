import { describe, expect, it } from "vitest";
import { CATEGORIES, type Message } from "@/lib/contracts/api";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import type { LinkupMailbox } from "@/lib/server/linkup-v2-simulator/mailbox";
import type { WireMessage } from "@/lib/server/linkup-v2-simulator/wire-types";
import { createLinkupV1Provider } from "@/lib/server/providers/linkup-v1/adapter";
import { createFixtureMailbox, FIXTURE_CONVERSATION_COUNT, FIXTURE_SELF, LONG_THREAD_LENGTH } from "@/tests/fake-upstream/fixture-mailbox";
import { handleLinkupV1Request, type LinkupV1FakeContext } from "@/tests/fake-upstream/linkup-v1";

/** The v1 adapter against the v1 fake, over the browser tests' fixture mailbox, through an injected fetch. */
const API_KEY = "fake-v1-key";
const LOGIN_TOKEN = "fake-li_at-token";
const NOW = Date.UTC(2026, 3, 26, 10, 0, 0);
const BASE_URL = "https://api.linkupapi.test/v1";
const signal = new AbortController().signal;

type CursorMode = NonNullable<LinkupV1FakeContext["cursorMode"]>;

function setup(options: { cursorMode?: CursorMode; mailbox?: (fixture: ReturnType<typeof createFixtureMailbox>) => LinkupMailbox; apiKey?: string; loginToken?: string } = {}) {
  const fixture = createFixtureMailbox(NOW);
  const ctx: LinkupV1FakeContext = { mailbox: options.mailbox?.(fixture) ?? fixture.mailbox, apiKey: API_KEY, loginToken: LOGIN_TOKEN, cursorMode: options.cursorMode };
  const calls: Array<{ url: string; body: Record<string, unknown> }> = [];
  const fetchFn: typeof fetch = async (url, init) => {
    calls.push({ url: String(url), body: JSON.parse(String(init?.body)) as Record<string, unknown> });
    return handleLinkupV1Request(new Request(url, init), ctx);
  };
  const provider = createLinkupV1Provider({
    baseUrl: BASE_URL,
    fetch: fetchFn,
    timeoutMs: 5_000,
    apiKey: options.apiKey ?? API_KEY,
    loginToken: options.loginToken ?? LOGIN_TOKEN,
    selfProfileUrl: FIXTURE_SELF.profileUrl,
    retry: NO_RETRY,
  });
  const longThreadId = fixture.conversationIds()[0]!;
  return { fixture, mailbox: ctx.mailbox, provider, calls, longThreadId };
}

/** What the fake's mailbox holds for a thread, newest first, as the fields we map. */
function expectedThread(mailbox: LinkupMailbox, conversationId: string, since = -Infinity) {
  const messages = mailbox.thread(conversationId)?.messages ?? [];
  return [...messages]
    .filter((m) => m.timestamp >= since)
    .sort((a, b) => b.timestamp - a.timestamp)
    .map((m) => ({ text: m.text, sentAt: m.timestamp, fromMe: m.sender_info.profile_url === FIXTURE_SELF.profileUrl }));
}

const served = (messages: readonly Message[]) => messages.map((m) => ({ text: m.text, sentAt: m.sentAt, fromMe: m.fromMe }));

describe.each<CursorMode>(["exclusive", "inclusive"])("Linkup v1 over the fake (%s cursor)", (cursorMode) => {
  it("reads the 1,500-message thread page by page: every message once, newest first, in order", async () => {
    const { fixture, provider, calls, longThreadId } = setup({ cursorMode });
    const messages: Message[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 200; pages++) {
      const page = await provider.listMessages({ conversationId: longThreadId, limit: 30, cursor }, signal);
      messages.push(...page.items);
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }

    const expected = expectedThread(fixture.mailbox, longThreadId);
    expect(expected).toHaveLength(LONG_THREAD_LENGTH);
    expect(served(messages)).toEqual(expected);
    expect(new Set(messages.map((m) => m.id)).size).toBe(LONG_THREAD_LENGTH);
    expect(messages.filter((m) => m.fromMe).length).toBe(LONG_THREAD_LENGTH / 2);
    // has_next_page:false ends it although the last page also carries a next_cursor.
    if (cursorMode === "exclusive") expect(calls).toHaveLength(LONG_THREAD_LENGTH / 30);
    expect(calls.every((call) => call.url === `${BASE_URL}/messages/conversation` && call.body.login_token === LOGIN_TOKEN)).toBe(true);
  });

  it("messagesSince returns exactly the messages with sentAt >= since, ties at the boundary included", async () => {
    let extra: WireMessage[] = [];
    const { fixture, mailbox, provider, longThreadId } = setup({
      cursorMode,
      // A message sharing a millisecond with an appended one (the fixture's append never makes a tie itself).
      mailbox: (f) => ({
        conversations: (category) => f.mailbox.conversations(category),
        thread: (id) => {
          const thread = f.mailbox.thread(id);
          return thread && id === longThreadId ? { ...thread, messages: [...thread.messages, ...extra] } : thread;
        },
      }),
    });
    const previousNewest = NOW;
    const first = fixture.append(longThreadId, "first new", false, NOW + 60_000)!;
    extra = [{ ...first, text: "same millisecond", entity_urn: `${first.entity_urn}-tie`, sender: FIXTURE_SELF.name, sender_info: { first_name: "Riley", last_name: "Rep", profile_url: FIXTURE_SELF.profileUrl } }];
    const third = fixture.append(longThreadId, "third new", true, NOW + 60_000)!;
    expect(third.timestamp).toBe(first.timestamp + 1);

    for (const since of [first.timestamp, third.timestamp, third.timestamp + 1, previousNewest, previousNewest + 1, NOW - 40 * 60_000, NOW - 200 * 60_000]) {
      const page = await provider.messagesSince({ conversationId: longThreadId, since }, signal);
      const expected = expectedThread(mailbox, longThreadId, since);
      expect(served(page.items).map((m) => m.text).sort()).toEqual(expected.map((m) => m.text).sort());
      expect(page.items.map((m) => m.sentAt)).toEqual(expected.map((m) => m.sentAt));
      expect(new Set(page.items.map((m) => m.id)).size).toBe(page.items.length);
      expect(page.truncated).toBe(false);
    }

    const atTie = await provider.messagesSince({ conversationId: longThreadId, since: first.timestamp }, signal);
    expect(served(atTie.items)).toEqual([
      { text: "third new", sentAt: first.timestamp + 1, fromMe: true },
      { text: "first new", sentAt: first.timestamp, fromMe: false },
      { text: "same millisecond", sentAt: first.timestamp, fromMe: true },
    ]);
    const boundary = await provider.messagesSince({ conversationId: longThreadId, since: previousNewest }, signal);
    expect(boundary.items.map((m) => m.sentAt)).toEqual([third.timestamp, first.timestamp, first.timestamp, previousNewest]);
  });
});

describe("Linkup v1 over the fake: inbox", () => {
  it.each(CATEGORIES)("pages the %s category: each conversation exactly once, most recent first", async (category) => {
    const { fixture, provider, calls } = setup();
    const ids: string[] = [];
    const times: number[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await provider.listConversations({ category, limit: 7, cursor }, signal);
      ids.push(...page.items.map((c) => c.id));
      times.push(...page.items.map((c) => c.lastMessage?.sentAt ?? 0));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }

    const expected = fixture.mailbox.conversations(category).map((c) => c.conversation_id);
    expect(expected.length).toBeGreaterThan(7);
    expect(expected.length).toBeLessThanOrEqual(FIXTURE_CONVERSATION_COUNT);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(calls.every((call) => call.body.category === category && call.url === `${BASE_URL}/messages/inbox`)).toBe(true);
    expect(calls.slice(1).every((call) => typeof call.body.next_cursor === "string")).toBe(true);
  });

  it("works out fromMe on inbox items without is_me", async () => {
    const { fixture, provider } = setup();
    const page = await provider.listConversations({ category: "INBOX", limit: 20 }, signal);
    const expected = fixture.mailbox.conversations("INBOX").slice(0, 20).map((c) => c.last_message.sender.is_me);
    expect(page.items.map((c) => c.lastMessage?.fromMe)).toEqual(expected);
    expect(expected).toContain(true);
    expect(expected).toContain(false);
  });
});

describe("Linkup v1 over the fake: addressing and failures", () => {
  it("reads a thread by the participant's profile URL (linkedin_url)", async () => {
    const { fixture, provider, calls } = setup();
    const id = fixture.conversationIds()[3]!;
    const profileUrl = fixture.mailbox.thread(id)!.conversation.participant.profile_url!;
    const byUrl = await provider.listMessages({ conversationId: `${profileUrl}/`, limit: 5 }, signal);
    expect(calls[0]?.body).toMatchObject({ linkedin_url: `${profileUrl}/` });
    expect(calls[0]?.body).not.toHaveProperty("conversation_id");
    expect(served(byUrl.items)).toEqual(expectedThread(fixture.mailbox, id).slice(0, 5));
  });

  it("maps the fake's auth and lookup failures", async () => {
    await expect(setup({ loginToken: "stale" }).provider.listConversations({ category: "INBOX", limit: 5 }, signal)).rejects.toMatchObject({
      code: "upstream_auth",
      message: expect.stringMatching(/LinkedIn session/),
    });
    await expect(setup({ apiKey: "wrong" }).provider.listConversations({ category: "INBOX", limit: 5 }, signal)).rejects.toMatchObject({
      code: "upstream_auth",
      message: expect.stringMatching(/API key/),
    });
    await expect(setup().provider.listMessages({ conversationId: "urn:li:msg_conversation:(nobody,2-x)", limit: 5 }, signal)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the v1 fake itself", () => {
  const fixture = createFixtureMailbox(NOW);
  const ctx: LinkupV1FakeContext = { mailbox: fixture.mailbox, apiKey: API_KEY, loginToken: LOGIN_TOKEN };
  async function send(path: string, body: unknown, apiKey = API_KEY) {
    const response = await handleLinkupV1Request(
      new Request(`https://fake.test/v1${path}`, { method: "POST", headers: { "x-api-key": apiKey, "content-type": "application/json" }, body: JSON.stringify(body) }),
      ctx,
    );
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  it("answers errors as status:error with an inferred HTTP status", async () => {
    expect(await send("/messages/inbox", { login_token: LOGIN_TOKEN }, "wrong")).toEqual({ status: 403, json: { status: "error", message: "Invalid API key" } });
    expect(await send("/messages/inbox", {})).toEqual({ status: 401, json: { status: "error", message: "Invalid or expired login_token" } });
    expect((await send("/messages/inbox", { login_token: LOGIN_TOKEN, country: "XX" })).status).toBe(400);
    expect((await send("/messages/inbox", { login_token: LOGIN_TOKEN, next_cursor: "not-a-cursor" })).status).toBe(400);
    expect((await send("/messages/conversation", { login_token: LOGIN_TOKEN })).json).toMatchObject({ status: "error", message: expect.stringContaining("linkedin_url or conversation_id") });
    expect((await send("/messages/conversation", { login_token: LOGIN_TOKEN, conversation_id: "x", cursor: "yesterday" })).status).toBe(400);
    expect((await send("/messages/unknown", { login_token: LOGIN_TOKEN })).status).toBe(404);
  });

  it("serves v2's inbox items without is_me, and an opaque next_cursor", async () => {
    const { json } = await send("/messages/inbox", { login_token: LOGIN_TOKEN, total_results: 5, category: "UNREAD" });
    const data = json.data as { conversations: unknown[]; total_results: number; next_cursor: string };
    expect(json.status).toBe("success");
    expect(data.conversations).toHaveLength(5);
    expect(data.total_results).toBe(5);
    expect(JSON.stringify(data.conversations)).toContain('"profile_url"');
    expect(JSON.stringify(data.conversations)).not.toContain("is_me");
    expect(data.next_cursor).toEqual(expect.any(String));
  });

  it("pages a thread with has_next_page and a timestamp cursor, echoing profile_url only when asked by it", async () => {
    const id = fixture.conversationIds()[0]!;
    const first = await send("/messages/conversation", { login_token: LOGIN_TOKEN, conversation_id: id, total_results: 3 });
    const data = first.json.data as { messages: WireMessage[]; next_cursor: string; has_next_page: boolean; profile_url?: string; conversation_id: string };
    expect(first.json.status).toBe("success");
    expect(data.conversation_id).toBe(id);
    expect(data).not.toHaveProperty("profile_url");
    expect(data.has_next_page).toBe(true);
    expect(data.next_cursor).toBe(String(data.messages.at(-1)?.timestamp));
    const second = await send("/messages/conversation", { login_token: LOGIN_TOKEN, conversation_id: id, total_results: 3, cursor: data.next_cursor });
    const older = (second.json.data as { messages: WireMessage[] }).messages;
    expect(older.every((m) => m.timestamp < Number(data.next_cursor))).toBe(true);

    const url = fixture.mailbox.thread(id)!.conversation.participant.profile_url!;
    const byUrl = await send("/messages/conversation", { login_token: LOGIN_TOKEN, linkedin_url: url, total_results: 1 });
    expect(byUrl.json.data).toMatchObject({ conversation_id: id, profile_url: url });
  });
});
