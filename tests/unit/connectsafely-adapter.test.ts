import { describe, expect, it } from "vitest";
import detailsSeed from "@/tests/fixtures/connectsafely/conversation-details.seed.json";
import recentMessagesExample from "@/tests/fixtures/connectsafely/recent-messages.providers.json";
import errorExamples from "@/tests/fixtures/connectsafely/errors.json";
import { conversationsPageSchema, messagesPageSchema, type Category } from "@/lib/contracts/api";
import { ApiError } from "@/lib/server/errors";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import { CONNECTSAFELY_CAPABILITIES, createConnectSafelyProvider, type ConnectSafelyConfig } from "@/lib/server/providers/connectsafely/adapter";

type Call = { url: URL; method: string; headers: Headers };

function stubFetch(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const call: Call = { url: new URL(String(input)), method: init?.method ?? "GET", headers: new Headers(init?.headers) };
    calls.push(call);
    return answer(call);
  };
  return { fetchFn, calls };
}

const NOW = Date.parse("2026-04-27T23:59:00Z");

function provider(fetchFn: typeof fetch, overrides: Partial<ConnectSafelyConfig> = {}) {
  return createConnectSafelyProvider({
    baseUrl: "https://cs.test/linkedin/",
    fetch: fetchFn,
    timeoutMs: 1_000,
    apiKey: "cs-secret-key",
    accountId: "507f1f77bcf86cd799439011",
    retry: NO_RETRY,
    now: () => NOW,
    ...overrides,
  });
}

const signal = new AbortController().signal;
const clone = <T>(value: T): T => structuredClone(value);
const SEED_URN = detailsSeed.conversationUrn;

describe("ConnectSafely adapter: recent-messages (inbox)", () => {
  it("searches with the documented `keywords`, on the first page and every later one", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(recentMessagesExample));
    const adapter = provider(fetchFn);
    expect(adapter.capabilities.search).toBe(true);
    const first = await adapter.listConversations({ category: "UNREAD", limit: 20, keywords: "acme renewal" }, signal);
    await adapter.listConversations({ category: "UNREAD", limit: 20, keywords: "acme renewal", cursor: first.nextCursor ?? undefined }, signal);
    expect(calls.map((call) => call.url.searchParams.get("keywords"))).toEqual(["acme renewal", "acme renewal"]);
    expect(calls.map((call) => call.url.searchParams.get("read"))).toEqual(["false", "false"]);
    expect(calls[1]!.url.searchParams.get("nextCursor")).toBe(recentMessagesExample.nextCursor);
  });

  it("maps providers.md's example and sends the documented GET with a Bearer key", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(recentMessagesExample));
    const page = await provider(fetchFn).listConversations({ category: "INBOX", limit: 20 }, signal);

    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.method).toBe("GET");
    expect(call.url.origin + call.url.pathname).toBe("https://cs.test/linkedin/messaging/recent-messages");
    expect(Object.fromEntries(call.url.searchParams)).toEqual({ count: "20", accountId: "507f1f77bcf86cd799439011" });
    expect(call.headers.get("authorization")).toBe("Bearer cs-secret-key");
    expect(call.url.toString()).not.toContain("cs-secret-key");

    expect(conversationsPageSchema.parse({ conversations: page.items, nextCursor: page.nextCursor })).toBeTruthy();
    expect(page.items).toEqual([
      {
        id: "urn:li:msg_conversation:(...)",
        participant: {
          name: "John Doe",
          headline: "Software Engineer",
          profileUrl: "https://www.linkedin.com/in/ACoAAD...",
          pictureUrl: "https://...",
        },
        lastMessage: { text: "Hello, how are you?", sentAt: 1704067200000, fromMe: false },
        unreadCount: 2,
        type: "normal",
      },
    ]);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(page.nextCursor).not.toBe(recentMessagesExample.nextCursor);
    expect(page.creditsConsumed).toBeUndefined();
  });

  it("passes our cursor back as ConnectSafely's nextCursor, and ends at nextCursor: null", async () => {
    let served = 0;
    const { fetchFn, calls } = stubFetch(() => {
      served++;
      const body = clone(recentMessagesExample);
      if (served === 2) {
        body.conversations[0]!.conversationUrn = "urn:li:msg_conversation:(older)";
        body.conversations[0]!.lastActivityAt = 1704000000000;
        return Response.json({ ...body, nextCursor: null });
      }
      return Response.json(body);
    });
    const cs = provider(fetchFn);
    const first = await cs.listConversations({ category: "INBOX", limit: 10 }, signal);
    const second = await cs.listConversations({ category: "INBOX", limit: 10, cursor: first.nextCursor ?? undefined }, signal);
    expect(calls[1]?.url.searchParams.get("nextCursor")).toBe(recentMessagesExample.nextCursor);
    expect(second.items.map((c) => c.id)).toEqual(["urn:li:msg_conversation:(older)"]);
    expect(second.nextCursor).toBeNull();
  });

  it("omits accountId when none is configured, and caps count at 100", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(recentMessagesExample));
    await provider(fetchFn, { accountId: undefined }).listConversations({ category: "INBOX", limit: 500 }, signal);
    expect(calls[0]?.url.searchParams.has("accountId")).toBe(false);
    expect(calls[0]?.url.searchParams.get("count")).toBe("100");
  });

  it("UNREAD asks for read=false; INBOX sends no read filter", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(recentMessagesExample));
    const cs = provider(fetchFn);
    await cs.listConversations({ category: "UNREAD", limit: 20 }, signal);
    await cs.listConversations({ category: "INBOX", limit: 20 }, signal);
    expect(calls[0]?.url.searchParams.get("read")).toBe("false");
    expect(calls[1]?.url.searchParams.has("read")).toBe(false);
  });

  it.each<Category>(["MY_CONNECTIONS", "INMAIL", "STARRED"])("refuses %s with bad_request and calls nobody", async (category) => {
    const { fetchFn, calls } = stubFetch(() => Response.json(recentMessagesExample));
    await expect(provider(fetchFn).listConversations({ category, limit: 20 }, signal)).rejects.toMatchObject({ code: "bad_request" });
    expect(calls).toHaveLength(0);
    expect(CONNECTSAFELY_CAPABILITIES.categories).not.toContain(category);
  });

  it("tolerates missing optional fields and unknown extra fields; names group threads", async () => {
    const body = {
      success: true,
      brandNew: { nested: [1] },
      nextCursor: null,
      conversations: [
        { conversationId: "2-only-id", surprise: true },
        {
          conversationUrn: "urn:li:msg_conversation:(g)",
          participants: [{ name: "Ana" }, { name: "Bo" }, { name: "Cy" }, { name: "Di" }],
          latestMessage: { text: null, sentAt: 1700000000000, senderName: "Somebody Else", extra: 1 },
          unreadCount: null,
        },
        {
          conversationUrn: "urn:li:msg_conversation:(three)",
          participants: [{ name: "Ana" }, { name: "Bo", profileId: "ACoBo" }, { name: null }],
          lastActivityAt: 1600000000000,
          latestMessage: { senderName: "Bo" },
        },
      ],
    };
    const { fetchFn } = stubFetch(() => Response.json(body));
    const page = await provider(fetchFn).listConversations({ category: "INBOX", limit: 10 }, signal);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((c) => [c.id, c.participant, c.lastMessage, c.unreadCount])).toEqual([
      ["2-only-id", { name: "LinkedIn member" }, null, 0],
      ["urn:li:msg_conversation:(g)", { name: "Ana, Bo and 2 others" }, { text: "", sentAt: 1700000000000, fromMe: null }, 0],
      ["urn:li:msg_conversation:(three)", { name: "Ana, Bo and LinkedIn member" }, { text: "", sentAt: 1600000000000, fromMe: false }, 0],
    ]);
  });

  it("leaves the account owner out of the participants", async () => {
    const body = clone(recentMessagesExample);
    body.profileUrn = "urn:li:fsd_profile:ME";
    body.conversations[0]!.participants.unshift({ profileId: "ME", name: "Rep Self", headline: "AE", profilePicture: "x" });
    const { fetchFn } = stubFetch(() => Response.json(body));
    const page = await provider(fetchFn).listConversations({ category: "INBOX", limit: 10 }, signal);
    expect(page.items[0]?.participant.name).toBe("John Doe");
  });

  it("names the provider and the field when a required one is missing", async () => {
    const body = clone(recentMessagesExample) as { conversations: Array<Record<string, unknown>> };
    delete body.conversations[0]?.conversationUrn;
    delete body.conversations[0]?.conversationId;
    const { fetchFn } = stubFetch(() => Response.json(body));
    await expect(provider(fetchFn).listConversations({ category: "INBOX", limit: 10 }, signal)).rejects.toMatchObject({
      code: "upstream_invalid",
      message: expect.stringMatching(/ConnectSafely.*conversations\.0\.conversationUrn/),
    });
  });
});

describe("ConnectSafely adapter: conversation-details (thread)", () => {
  it("maps the seed page's example: newest first, attachments, reactions, fromMe for the owner, participants", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(detailsSeed));
    const page = await provider(fetchFn).listMessages({ conversationId: SEED_URN, limit: 30 }, signal);

    const call = calls[0]!;
    expect(call.url.origin + call.url.pathname).toBe("https://cs.test/linkedin/messaging/conversation-details");
    expect(Object.fromEntries(call.url.searchParams)).toEqual({ conversationUrn: SEED_URN, countBefore: "30", accountId: "507f1f77bcf86cd799439011" });
    expect(call.headers.get("authorization")).toBe("Bearer cs-secret-key");

    expect(messagesPageSchema.parse({ messages: page.items, nextCursor: page.nextCursor, participants: page.participants })).toBeTruthy();
    expect(page.items.map((m) => m.sentAt)).toEqual([1763794295257, 1763793236833, 1763378062881]);
    const [newest, owners, oldest] = page.items;
    expect(newest).toEqual({
      id: detailsSeed.messages[1]!.messageId,
      text: "I just tried that post boost, and I'm seeing it post comments too fast...",
      sentAt: 1763794295257,
      sender: {
        name: "Leonard Esere",
        profileUrl: "https://www.linkedin.com/in/ACoAACr-hewBS7g6tYN16g77Gx5Cuvm0hJPUfNM",
        pictureUrl: "https://media.licdn.com/dms/image/v2/D5603AQEZqV0sUFSb5g/profile-displayphoto-scale_100_100/...",
      },
      fromMe: false,
      type: "text",
      attachments: [{ type: "image", url: "https://www.linkedin.com/dms/prv/image/v2/D5606AQHX0OcdYQAgkQ/messaging-image-720/..." }],
      reactions: [],
    });
    expect(owners).toMatchObject({ sender: { name: "Karan Kumar" }, fromMe: true, reactions: [{ emoji: "👍", count: 1, viewerReacted: false }], attachments: [] });
    expect(oldest).toMatchObject({ fromMe: false, attachments: [], reactions: [] });
    expect(page.items.every((m) => m.subject === undefined)).toBe(true);
    expect(page.participants).toEqual([
      {
        name: "Leonard Esere",
        headline: "Founder & CEO @ PolicyCortex | Building the Autonomous Cloud Engineer",
        profileUrl: "https://www.linkedin.com/in/ACoAACr-hewBS7g6tYN16g77Gx5Cuvm0hJPUfNM",
        pictureUrl: "https://media.licdn.com/dms/image/v2/D5603AQEZqV0sUFSb5g/profile-displayphoto-scale_100_100/...",
      },
    ]);
    expect(page.creditsConsumed).toBeUndefined();
  });

  it("maps a subject, and reads the next older page from just after the oldest message served (hasMoreBefore)", async () => {
    const body = clone(detailsSeed) as { messages: Array<{ subject: string | null }> };
    body.messages[0]!.subject = "Quick question about pricing";
    const { fetchFn, calls } = stubFetch(() => Response.json(body));
    const cs = provider(fetchFn);
    const first = await cs.listMessages({ conversationId: SEED_URN, limit: 3 }, signal);
    expect(first.items.at(-1)).toMatchObject({ subject: "Quick question about pricing", sentAt: 1763378062881 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await cs.listMessages({ conversationId: SEED_URN, limit: 3, cursor: first.nextCursor ?? undefined }, signal);
    // +1: the oldest millisecond is read again whether the anchor is inclusive or exclusive.
    expect(calls[1]?.url.searchParams.get("deliveredAt")).toBe("1763378062882");
    // One more than the page: the message served at that millisecond comes back and is dropped.
    expect(calls[1]?.url.searchParams.get("countBefore")).toBe("4");
    // The same page again (an anchor that does not move) serves nothing twice.
    expect(second.items).toEqual([]);
  });

  it("ends the thread when pagination says there is nothing before", async () => {
    const body = clone(detailsSeed);
    body.pagination.hasMoreBefore = false;
    const { fetchFn } = stubFetch(() => Response.json(body));
    const page = await provider(fetchFn).listMessages({ conversationId: SEED_URN, limit: 30 }, signal);
    expect(page.nextCursor).toBeNull();
  });

  it("tolerates sparse messages and unknown fields; fromMe is null without profileUrn", async () => {
    const body = {
      success: true,
      newTopLevel: "x",
      messages: [
        { backendMessageUrn: "urn:li:messagingMessage:2-b", sentAt: 2, attachments: [{ type: "file" }, { url: "https://f" }], reactions: [{ emoji: "🎉" }, { count: 3 }] },
        { messageId: "m-a", sentAt: 3, text: "hi", sender: { profileId: "X", name: "  " }, subject: "  ", extra: { deep: true } },
      ],
      participants: null,
    };
    const { fetchFn } = stubFetch(() => Response.json(body));
    const page = await provider(fetchFn).listMessages({ conversationId: "2-bare", limit: 5 }, signal);
    expect(page.items).toEqual([
      { id: "m-a", text: "hi", sentAt: 3, sender: { name: "LinkedIn member", profileUrl: "https://www.linkedin.com/in/X" }, fromMe: null, type: "text", attachments: [], reactions: [] },
      {
        id: "urn:li:messagingMessage:2-b",
        text: "",
        sentAt: 2,
        sender: { name: "LinkedIn member" },
        fromMe: null,
        type: "text",
        attachments: [{ type: "file", url: "https://f" }],
        reactions: [{ emoji: "🎉", count: 1, viewerReacted: false }],
      },
    ]);
    expect(page.participants).toBeUndefined();
    expect(page.nextCursor).toBeNull();
  });

  it.each([
    ["sentAt", "messages.0.sentAt"],
    ["messageId", "messages.0.messageId"],
  ])("rejects a message without %s as upstream_invalid naming %s", async (field, path) => {
    const body = clone(detailsSeed) as { messages: Array<Record<string, unknown>> };
    delete body.messages[0]?.[field];
    if (field === "messageId") delete body.messages[0]?.backendMessageUrn;
    const { fetchFn } = stubFetch(() => Response.json(body));
    await expect(provider(fetchFn).listMessages({ conversationId: SEED_URN, limit: 5 }, signal)).rejects.toMatchObject({
      code: "upstream_invalid",
      message: expect.stringContaining(path),
    });
  });

  it("tells the rep's own last message in a two-person row at once: a sender who is not the other person, nothing unread", async () => {
    const inbox = clone(recentMessagesExample);
    inbox.conversations[0]!.latestMessage.senderName = "Karan Kumar";
    const fromMe = async (unreadCount: number, senderName = "Karan Kumar") => {
      inbox.conversations[0]!.unreadCount = unreadCount;
      inbox.conversations[0]!.latestMessage.senderName = senderName;
      const { fetchFn } = stubFetch(() => Response.json(inbox));
      return (await provider(fetchFn).listConversations({ category: "INBOX", limit: 5 }, signal)).items[0]?.lastMessage?.fromMe;
    };
    expect(await fromMe(0)).toBe(true);
    // Something unread is not the rep's own: nobody can tell who wrote last.
    expect(await fromMe(2)).toBeNull();
    // The other person's name written differently (spacing, case) is still them.
    expect(await fromMe(0, " john  DOE ")).toBe(false);
  });

  it("in a group, learns the owner's name from a thread, then tells their inbox messages apart", async () => {
    const inbox = clone(recentMessagesExample);
    inbox.conversations[0]!.participants.push({ profileId: "ACoAna", name: "Ana Other", headline: "x", profilePicture: "x" });
    inbox.conversations[0]!.latestMessage.senderName = "Karan Kumar";
    const { fetchFn } = stubFetch((call) => Response.json(call.url.pathname.endsWith("recent-messages") ? inbox : detailsSeed));
    const cs = provider(fetchFn);
    expect((await cs.listConversations({ category: "INBOX", limit: 5 }, signal)).items[0]?.lastMessage?.fromMe).toBeNull();
    await cs.listMessages({ conversationId: SEED_URN, limit: 5 }, signal);
    expect((await cs.listConversations({ category: "INBOX", limit: 5 }, signal)).items[0]?.lastMessage?.fromMe).toBe(true);
  });

  it("rejects a cursor we did not issue with bad_request and calls nobody", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(detailsSeed));
    await expect(provider(fetchFn).listMessages({ conversationId: SEED_URN, limit: 5, cursor: "1763378062881" }, signal)).rejects.toMatchObject({
      code: "bad_request",
    });
    const inboxCursor = Buffer.from(JSON.stringify({ u: "xqS2pdVm4vDq0NZmLnVybjpsaTpmYWJyaWM6cHJvZC1sb3IxAA==" })).toString("base64url");
    await expect(provider(fetchFn).listMessages({ conversationId: SEED_URN, limit: 5, cursor: inboxCursor }, signal)).rejects.toMatchObject({
      code: "bad_request",
    });
    expect(calls).toHaveLength(0);
  });
});

type ErrorExample = { name: string; status: number; headers?: Record<string, string>; body: Record<string, unknown> };
const examples = errorExamples as ErrorExample[];
const example = (name: string): ErrorExample => {
  const found = examples.find((e) => e.name === name);
  if (!found) throw new Error(`no example ${name}`);
  return found;
};
const upstreamWords = (body: Record<string, unknown>) =>
  [body.error, body.message].flatMap((v) => (typeof v === "string" ? [v] : typeof v === "object" && v !== null ? [JSON.stringify(v)] : []));

async function failureOf(call: "inbox" | "thread", status: number, body: unknown, headers: Record<string, string> = {}, overrides: Partial<ConnectSafelyConfig> = {}) {
  const { fetchFn, calls } = stubFetch(() => Response.json(body, { status, headers }));
  const cs = provider(fetchFn, overrides);
  const run = call === "inbox" ? cs.listConversations({ category: "INBOX", limit: 5 }, signal) : cs.listMessages({ conversationId: SEED_URN, limit: 5 }, signal);
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return { error: error as ApiError, calls };
}

describe("ConnectSafely adapter: documented errors", () => {
  const expected: Record<string, { code: string; message: RegExp; retryable: boolean }> = {
    "conversationUrn is required": { code: "upstream_error", message: /refused/, retryable: false },
    Unauthorized: { code: "upstream_auth", message: /API key/, retryable: false },
    "Unauthorized - Invalid credentials": { code: "upstream_auth", message: /API key/, retryable: false },
    ZodError: { code: "upstream_error", message: /refused/, retryable: false },
    validation_error: { code: "upstream_error", message: /refused/, retryable: false },
    "trial expired": { code: "upstream_auth", message: /subscription/, retryable: false },
    "rate limit exceeded": { code: "rate_limited", message: /limit/, retryable: true },
    "Failed to get conversation details": { code: "upstream_error", message: /trouble/, retryable: true },
  };

  it("covers every example in the fixture", () => {
    expect(examples.map((e) => e.name).sort()).toEqual(Object.keys(expected).sort());
  });

  describe.each(["inbox", "thread"] as const)("on the %s call", (call) => {
    it.each(examples.map((e) => [e.name, e] as const))("%s → our typed error, in our words", async (_name, ex) => {
      const { error } = await failureOf(call, ex.status, ex.body, ex.headers);
      const want = expected[ex.name]!;
      expect(error.code).toBe(want.code);
      expect(error.message).toMatch(want.message);
      expect(error.retryable).toBe(want.retryable);
      for (const words of upstreamWords(ex.body)) if (words.length > 3) expect(error.message).not.toContain(words);
      expect(error.message).not.toContain("cs-secret-key");
    });

    it.each(examples.filter((e) => e.status !== 429).map((e) => [e.name, e] as const))("%s inside a 200 is still an error", async (_name, ex) => {
      const { error } = await failureOf(call, 200, { success: false, ...ex.body });
      expect(error.code).toBe(expected[ex.name]!.code);
    });
  });

  it("a 429 waits for X-RateLimit-Reset or holdUntil, whichever is later, and is not retried before it", async () => {
    const ex = example("rate limit exceeded");
    const fromHeader = await failureOf("inbox", 429, ex.body, ex.headers);
    expect(fromHeader.error.retryAfter).toBe(60);
    const held = await failureOf("inbox", 429, { ...ex.body, holdUntil: "2026-04-28T01:00:00Z" }, ex.headers, { retry: undefined });
    expect(held.error.retryAfter).toBe(3_660);
    expect(held.calls).toHaveLength(1);
    const textOnly = await failureOf("thread", 429, { ...ex.body, holdUntil: undefined });
    expect(textOnly.error.retryAfter).toBe(60);
  });

  it("a 429 that gives no reset time is not retried blindly", async () => {
    const { error, calls } = await failureOf("inbox", 429, { success: false, error: "Too many requests" }, {}, { retry: undefined });
    expect(error).toMatchObject({ code: "rate_limited", retryable: false, retryAfter: undefined });
    expect(calls).toHaveLength(1);
  });

  it("404 is not_found on a thread, but an unknown account on either call is upstream_auth", async () => {
    expect((await failureOf("thread", 404, { success: false, error: "Conversation not found" })).error.code).toBe("not_found");
    expect((await failureOf("thread", 404, { success: false, error: "Account not found" })).error.code).toBe("upstream_auth");
    expect((await failureOf("inbox", 404, { success: false, error: "Account not found" })).error.code).toBe("upstream_auth");
  });

  it("statuses it does not document fall back to the status mapping, non-JSON bodies too", async () => {
    const { fetchFn } = stubFetch(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    await expect(provider(fetchFn).listConversations({ category: "INBOX", limit: 5 }, signal)).rejects.toMatchObject({ code: "upstream_error", retryable: true });
  });
});

/** A conversation-details stub over `times`, answering pages in a scrambled order; the anchor is inclusive or exclusive. */
function threadStub(times: readonly number[], mode: "inclusive" | "exclusive") {
  const all = times.map((sentAt, i) => ({ messageId: `m${i}`, text: `#${i}`, sentAt, sender: { profileId: i % 2 ? "ME" : "THEM", name: "X" } })).sort((a, b) => a.sentAt - b.sentAt);
  return stubFetch((call) => {
    const q = call.url.searchParams;
    const before = Number(q.get("countBefore") ?? 0);
    const after = Number(q.get("countAfter") ?? 0);
    const anchorText = q.get("deliveredAt");
    let lo: number;
    let hi: number;
    if (anchorText === null) {
      lo = Math.max(0, all.length - (before || 20));
      hi = all.length;
    } else {
      const anchor = Number(anchorText);
      const inBefore = all.filter((m) => (mode === "inclusive" ? m.sentAt <= anchor : m.sentAt < anchor)).length;
      const firstAfter = all.findIndex((m) => (mode === "inclusive" ? m.sentAt >= anchor : m.sentAt > anchor));
      const start = firstAfter === -1 ? all.length : firstAfter;
      lo = before > 0 ? Math.max(0, inBefore - before) : start;
      hi = after > 0 ? Math.min(all.length, start + after) : inBefore;
    }
    const page = all.slice(lo, Math.max(lo, hi));
    const scrambled = [...page.filter((_, i) => i % 2), ...page.filter((_, i) => i % 2 === 0).reverse()];
    return Response.json({
      success: true,
      profileUrn: "urn:li:fsd_profile:ME",
      messages: scrambled,
      pagination: { firstMessageAt: page[0]?.sentAt ?? null, lastMessageAt: page.at(-1)?.sentAt ?? null, hasMoreBefore: lo > 0, hasMoreAfter: hi < all.length },
    });
  });
}

async function readWholeThread(cs: ReturnType<typeof provider>, limit: number) {
  const seen: Array<{ text: string; sentAt: number }> = [];
  let cursor: string | undefined;
  for (let pages = 1; pages < 1_000; pages++) {
    const page = await cs.listMessages({ conversationId: "c", limit, cursor }, signal);
    seen.push(...page.items);
    if (page.nextCursor === null) return { seen, pages };
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not terminate");
}

describe.each(["inclusive", "exclusive"] as const)("ConnectSafely adapter: with an %s deliveredAt anchor", (mode) => {
  it("serves every message of a thread once, newest first, even with ties at page boundaries", async () => {
    const times = Array.from({ length: 600 }, (_, i) => 1_000_000 + Math.floor(i / 3));
    const { fetchFn } = threadStub(times, mode);
    const { seen } = await readWholeThread(provider(fetchFn), 25);
    expect(seen).toHaveLength(600);
    expect(new Set(seen.map((m) => m.text)).size).toBe(600);
    expect(seen.map((m) => m.sentAt)).toEqual([...times].sort((a, b) => b - a));
  });

  it("serves a thread with more ties in one millisecond than a page holds, and terminates", async () => {
    const { fetchFn } = threadStub([...Array.from({ length: 40 }, () => 500), 400, 300], mode);
    const { seen, pages } = await readWholeThread(provider(fetchFn), 10);
    expect(pages).toBeLessThan(10);
    expect(new Set(seen.map((m) => m.text)).size).toBe(seen.length);
    expect(seen.slice(-2).map((m) => m.sentAt)).toEqual([400, 300]);
  });

  it("since: every message with sentAt >= since, boundary included, newest first, in one call when few are new", async () => {
    const times = Array.from({ length: 300 }, (_, i) => 10_000 + i * 10);
    const { fetchFn, calls } = threadStub(times, mode);
    const page = await provider(fetchFn).messagesSince({ conversationId: "c", since: 12_000 }, signal);
    expect(page.items.map((m) => m.sentAt)).toEqual(times.filter((t) => t >= 12_000).reverse());
    expect(page.items.map((m) => m.fromMe)).toContain(true);
    expect(page).toMatchObject({ nextCursor: null, truncated: false });
    expect(page.creditsConsumed).toBeUndefined();
    expect(calls).toHaveLength(1);
    expect(Object.fromEntries(calls[0]!.url.searchParams)).toMatchObject({ deliveredAt: "11999", countAfter: "100" });
  });

  it("since: pages forward past 100 new messages with same-millisecond ties, each once", async () => {
    const times = [...Array.from({ length: 50 }, (_, i) => 100 + i), ...Array.from({ length: 250 }, (_, i) => 5_000 + Math.floor(i / 3))];
    const { fetchFn, calls } = threadStub(times, mode);
    const page = await provider(fetchFn).messagesSince({ conversationId: "c", since: 5_000 }, signal);
    expect(page.items).toHaveLength(250);
    expect(new Set(page.items.map((m) => m.id)).size).toBe(250);
    expect(page.truncated).toBe(false);
    expect(calls.length).toBeGreaterThan(2);
  });

  it("since: stops at its bound, says truncated, and answers with the newest messages", async () => {
    const times = Array.from({ length: 2_000 }, (_, i) => 1_000 + i);
    const { fetchFn, calls } = threadStub(times, mode);
    const page = await provider(fetchFn).messagesSince({ conversationId: "c", since: 0 }, signal);
    expect(page.truncated).toBe(true);
    expect(calls.length).toBeLessThanOrEqual(6);
    expect(page.items[0]?.sentAt).toBe(2_999);
    expect(new Set(page.items.map((m) => m.id)).size).toBe(page.items.length);
  });

  it("since: more messages in one millisecond than a page holds is reported as truncated, not silently cut", async () => {
    const times = [...Array.from({ length: 150 }, () => 7_000), 7_001, 7_002];
    const { fetchFn } = threadStub(times, mode);
    const page = await provider(fetchFn).messagesSince({ conversationId: "c", since: 7_000 }, signal);
    expect(page.truncated).toBe(true);
    expect(page.items[0]?.sentAt).toBe(7_002);
  });
});
