import { describe, expect, it } from "vitest";
import listInboxSeed from "@/tests/fixtures/linkup-v2/list-inbox.seed.json";
import getConversationSeed from "@/tests/fixtures/linkup-v2/get-conversation.seed.json";
import { conversationsPageSchema, messagesPageSchema } from "@/lib/contracts/api";
import { ApiError } from "@/lib/server/errors";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import { createLinkupV2Provider, type LinkupV2Config } from "@/lib/server/providers/linkup-v2/adapter";

type Call = { url: string; headers: Headers; body: { account_id: string; action: string; params: Record<string, unknown> } };

function stubFetch(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const call: Call = {
      url: String(input),
      headers: new Headers(init?.headers),
      body: JSON.parse(String(init?.body)) as Call["body"],
    };
    calls.push(call);
    return answer(call);
  };
  return { fetchFn, calls };
}

function provider(fetchFn: typeof fetch, overrides: Partial<LinkupV2Config> = {}) {
  return createLinkupV2Provider({
    baseUrl: "https://linkup.test/v2/",
    fetch: fetchFn,
    timeoutMs: 1_000,
    apiKey: "secret-key",
    accountId: "acc_abc123",
    retry: NO_RETRY,
    ...overrides,
  });
}

const signal = new AbortController().signal;
const clone = <T>(value: T): T => structuredClone(value);

describe("Linkup v2 adapter: list_inbox", () => {
  it("maps the seed page's example and sends the documented request", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(listInboxSeed));
    const page = await provider(fetchFn).listConversations({ category: "UNREAD", limit: 20 }, signal);

    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe("https://linkup.test/v2/messages");
    expect(calls[0]?.headers.get("x-api-key")).toBe("secret-key");
    expect(calls[0]?.headers.get("content-type")).toBe("application/json");
    expect(calls[0]?.body).toEqual({ account_id: "acc_abc123", action: "list_inbox", params: { category: "UNREAD", count: 20 } });

    expect(conversationsPageSchema.parse({ conversations: page.items, nextCursor: page.nextCursor })).toBeTruthy();
    expect(page.items).toEqual([
      {
        id: "urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA...,2-MDZiY2ExOTgtM2NjNy00OTU4LTgyNjUtZWFlMmIwZjM1NTlmXzEwMA==)",
        participant: {
          name: "Jane Doe",
          headline: "Founder at Acme Corp",
          profileUrl: "https://www.linkedin.com/in/jane-doe-42",
          pictureUrl: "https://media.licdn.com/dms/image/v2/.../profile.jpg",
        },
        lastMessage: { text: "Sounds good, talk soon!", sentAt: 1777147641366, fromMe: false },
        unreadCount: 0,
        type: "normal",
      },
    ]);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(page.creditsConsumed).toBe(1);
  });

  it("passes our cursor back to Linkup as the cursor it gave", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(listInboxSeed));
    const linkup = provider(fetchFn);
    const first = await linkup.listConversations({ category: "INBOX", limit: 10 }, signal);
    await linkup.listConversations({ category: "INBOX", limit: 10, cursor: first.nextCursor ?? undefined }, signal);
    expect(calls[1]?.body.params.cursor).toBe(listInboxSeed.data.next_cursor);
  });

  it("tolerates missing optional fields and unknown extra fields", async () => {
    const body = {
      success: true,
      brand_new_top_level: { anything: 1 },
      data: {
        conversations: [
          { conversation_id: "c-1", participant: { name: "Only A Name", surprise: true }, extra: [1, 2] },
          {
            conversation_id: "c-2",
            participant: { name: "Acme Inc", is_organization: true, profile_url: "https://www.linkedin.com/company/acme" },
            last_message: { text: null, time: 1700000000000 },
            unread: 3,
            type: "Sponsored",
          },
          { participant: { name: "No Id", profile_url: "https://www.linkedin.com/in/no-id/" }, type: "inmail", unread: null },
        ],
        next_cursor: null,
      },
    };
    const { fetchFn } = stubFetch(() => Response.json(body));
    const page = await provider(fetchFn).listConversations({ category: "INBOX", limit: 10 }, signal);
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((c) => [c.id, c.participant.name, c.lastMessage, c.unreadCount, c.type])).toEqual([
      ["c-1", "Only A Name", null, 0, "normal"],
      ["c-2", "Acme Inc", { text: "", sentAt: 1700000000000, fromMe: null }, 3, "sponsored"],
      ["https://www.linkedin.com/in/no-id/", "No Id", null, 0, "inmail"],
    ]);
    expect(page.items[1]?.participant.isOrganization).toBe(true);
  });

  it("names the provider and the field when a required one is missing", async () => {
    const body = clone(listInboxSeed) as { data: { conversations: Array<Record<string, unknown>> } };
    delete body.data.conversations[0]?.participant;
    const { fetchFn } = stubFetch(() => Response.json(body));
    const failure = provider(fetchFn).listConversations({ category: "INBOX", limit: 10 }, signal);
    await expect(failure).rejects.toMatchObject({ code: "upstream_invalid", message: expect.stringMatching(/Linkup.*data\.conversations\.0\.participant/) });
    // The field, not zod's words: the rep reads this line.
    await expect(failure).rejects.toMatchObject({ message: "Linkup sent a response we could not read (data.conversations.0.participant)." });
  });

  it("refuses a page where no conversation has its last message (a changed format), rather than blanking every preview", async () => {
    const body = clone(listInboxSeed) as { data: { conversations: Array<Record<string, unknown>> } };
    const row = body.data.conversations[0]!;
    delete row.last_message;
    body.data.conversations = [row, { ...row, conversation_id: "c-2" }];
    const { fetchFn } = stubFetch(() => Response.json(body));
    const failure = provider(fetchFn).listConversations({ category: "INBOX", limit: 10 }, signal);
    await expect(failure).rejects.toMatchObject({ code: "upstream_invalid", message: expect.stringContaining("(data.conversations)") });
  });

  it("ends pagination when the page is empty even if a cursor comes back", async () => {
    const { fetchFn } = stubFetch(() => Response.json({ success: true, data: { conversations: [], next_cursor: "more?" } }));
    const page = await provider(fetchFn).listConversations({ category: "INBOX", limit: 10 }, signal);
    expect(page.nextCursor).toBeNull();
  });

  it("serves every row of the next page when a row moved up by activity keeps an old message time (LinkedIn orders by activity)", async () => {
    const row = (id: string, time: number) => ({ conversation_id: id, participant: { name: id, profile_url: `https://www.linkedin.com/in/${id}` }, last_message: { text: id, time }, unread: 0 });
    const pages: Record<string, unknown> = {
      first: { conversations: [row("a", 1_000), row("bumped", 100), row("b", 900)], next_cursor: "second" },
      second: { conversations: [row("b", 900), row("c", 800), row("d", 700)], next_cursor: null },
    };
    const { fetchFn } = stubFetch((call) => Response.json({ success: true, data: pages[String(call.body.params.cursor ?? "first")] }));
    const linkup = provider(fetchFn);
    const first = await linkup.listConversations({ category: "INBOX", limit: 3 }, signal);
    const second = await linkup.listConversations({ category: "INBOX", limit: 3, cursor: first.nextCursor ?? undefined }, signal);
    // "b" again at the page's edge (an inclusive cursor) is served once.
    expect([...first.items, ...second.items].map((conversation) => conversation.id)).toEqual(["a", "bumped", "b", "c", "d"]);
  });

  it("learns who the rep is from is_me and uses it for thread messages", async () => {
    const inbox = clone(listInboxSeed);
    const last = inbox.data.conversations[0]!.last_message;
    last.sender = { ...last.sender, name: "John Smith", profile_url: "https://www.linkedin.com/in/john-smith-99", is_me: true };
    const { fetchFn } = stubFetch((call) => Response.json(call.body.action === "list_inbox" ? inbox : getConversationSeed));
    const linkup = provider(fetchFn);
    const page = await linkup.listConversations({ category: "INBOX", limit: 10 }, signal);
    expect(page.items[0]?.lastMessage?.fromMe).toBe(true);
    const thread = await linkup.listMessages({ conversationId: "urn:li:msg_conversation:other", limit: 10 }, signal);
    expect(thread.items.map((m) => [m.sender.name, m.fromMe])).toEqual([
      ["Jane Doe", false],
      ["John Smith", true],
    ]);
  });
});

describe("Linkup v2 adapter: get_conversation", () => {
  it("maps the seed page's example, keeps both messages, and works out fromMe from the configured profile", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(getConversationSeed));
    const linkup = provider(fetchFn, { selfProfileUrl: "https://linkedin.com/in/John-Smith-99" });
    const page = await linkup.listMessages({ conversationId: "urn:li:msg_conversation:(x,2-abc==)", limit: 30 }, signal);

    expect(calls[0]?.body).toEqual({
      account_id: "acc_abc123",
      action: "get_conversation",
      params: { conversation_id: "urn:li:msg_conversation:(x,2-abc==)", count: 30 },
    });
    expect(messagesPageSchema.parse({ messages: page.items, nextCursor: page.nextCursor })).toBeTruthy();
    expect(page.items).toHaveLength(2);
    expect(new Set(page.items.map((m) => m.id)).size).toBe(2);
    expect(page.items[0]).toEqual({
      id: expect.stringContaining("urn:li:msg_message:"),
      text: "Sounds good, talk soon!",
      sentAt: 1777147641366,
      sender: { name: "Jane Doe", profileUrl: "https://www.linkedin.com/in/jane-doe-42/" },
      fromMe: false,
      type: "text",
      attachments: [],
      reactions: [],
    });
    expect(page.items[1]?.fromMe).toBe(true);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it("reads by profile_url when the conversation id is a profile URL, and infers fromMe from it", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(getConversationSeed));
    const page = await provider(fetchFn).listMessages({ conversationId: "https://www.linkedin.com/in/jane-doe-42", limit: 5 }, signal);
    expect(calls[0]?.body.params).toEqual({ profile_url: "https://www.linkedin.com/in/jane-doe-42", count: 5 });
    expect(page.items.map((m) => m.fromMe)).toEqual([false, true]);
  });

  it("says fromMe is unknown (null) when nothing tells who the rep is", async () => {
    const { fetchFn } = stubFetch(() => Response.json(getConversationSeed));
    const page = await provider(fetchFn).listMessages({ conversationId: "urn:li:msg_conversation:x", limit: 5 }, signal);
    expect(page.items.map((m) => m.fromMe)).toEqual([null, null]);
  });

  it("maps message types and tolerates a sparse message", async () => {
    const body = {
      success: true,
      data: {
        messages: [
          { entity_urn: "m3", timestamp: 3, message_type: "INVITATION", text: "Invitation", sender: null, sender_info: { first_name: "Ana", last_name: "Li" } },
          { entity_urn: "m2", timestamp: 2, message_type: "SHARED_POST", unknown_field: { deep: true } },
          { entity_urn: "m1", timestamp: 1, message_type: "SOMETHING_NEW", text: "x", sender: "Bo" },
        ],
      },
    };
    const { fetchFn } = stubFetch(() => Response.json(body));
    const page = await provider(fetchFn).listMessages({ conversationId: "c", limit: 5 }, signal);
    expect(page.items.map((m) => [m.type, m.sender.name, m.text])).toEqual([
      ["invitation", "Ana Li", "Invitation"],
      ["shared_post", "LinkedIn member", ""],
      ["other", "Bo", "x"],
    ]);
    expect(page.nextCursor).toBeNull();
  });

  it("rejects a message without entity_urn as upstream_invalid", async () => {
    const body = clone(getConversationSeed) as { data: { messages: Array<Record<string, unknown>> } };
    delete body.data.messages[1]?.entity_urn;
    const { fetchFn } = stubFetch(() => Response.json(body));
    await expect(provider(fetchFn).listMessages({ conversationId: "c", limit: 5 }, signal)).rejects.toMatchObject({
      code: "upstream_invalid",
      message: expect.stringContaining("data.messages.1.entity_urn"),
    });
  });

  it("rejects a cursor we did not issue with bad_request and calls nobody", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(getConversationSeed));
    await expect(provider(fetchFn).listMessages({ conversationId: "c", limit: 5, cursor: "not-ours" }, signal)).rejects.toMatchObject({
      code: "bad_request",
    });
    expect(calls).toHaveLength(0);
  });
});

describe("Linkup v2 adapter: documented errors", () => {
  const cases: Array<[string, number, string]> = [
    ["INVALID_API_KEY", 403, "upstream_auth"],
    ["INVALID_ACCOUNT", 404, "upstream_auth"],
    ["ACCOUNT_INACTIVE", 403, "upstream_auth"],
    ["INVALID_ACTION", 400, "upstream_error"],
    ["RATE_LIMITED", 429, "rate_limited"],
    ["INSUFFICIENT_CREDITS", 402, "credits_exhausted"],
    ["INTERNAL_ERROR", 500, "upstream_error"],
  ];
  it.each(cases)("%s (HTTP %i) becomes %s, without echoing the upstream message", async (code, status, ours) => {
    const body = {
      success: false,
      error: { code, message: "UPSTREAM SECRET DETAIL" },
      metadata: { action: "list_inbox", credits_consumed: 0, timestamp: "2026-03-24T12:00:00Z" },
    };
    const { fetchFn } = stubFetch(() => Response.json(body, { status }));
    const error = await provider(fetchFn).listConversations({ category: "INBOX", limit: 10 }, signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe(ours);
    expect((error as ApiError).message).not.toContain("UPSTREAM SECRET DETAIL");
    expect((error as ApiError).message).not.toContain("secret-key");
  });

  it("INVALID_PARAMS on a thread means the conversation was not found", async () => {
    const { fetchFn } = stubFetch(() => Response.json({ success: false, error: { code: "INVALID_PARAMS", message: "nope" } }, { status: 400 }));
    await expect(provider(fetchFn).listMessages({ conversationId: "c", limit: 5 }, signal)).rejects.toMatchObject({ code: "not_found" });
  });

  it("a 200 that says success:false is still an error", async () => {
    const { fetchFn } = stubFetch(() => Response.json({ success: false, error: { code: "INSUFFICIENT_CREDITS", message: "x" } }));
    await expect(provider(fetchFn).listConversations({ category: "INBOX", limit: 10 }, signal)).rejects.toMatchObject({ code: "credits_exhausted" });
  });

  it("an unknown error code falls back to the HTTP status; a non-JSON body too", async () => {
    const { fetchFn } = stubFetch(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    await expect(provider(fetchFn).listConversations({ category: "INBOX", limit: 10 }, signal)).rejects.toMatchObject({ code: "upstream_error" });
    const { fetchFn: unknownCode } = stubFetch(() => Response.json({ success: false, error: { code: "NEW_THING" } }, { status: 401 }));
    await expect(provider(unknownCode).listConversations({ category: "INBOX", limit: 10 }, signal)).rejects.toMatchObject({ code: "upstream_auth" });
  });

  it("a rate limit carries Retry-After", async () => {
    const { fetchFn } = stubFetch(() =>
      Response.json({ success: false, error: { code: "RATE_LIMITED", message: "slow down" } }, { status: 429, headers: { "retry-after": "7" } }),
    );
    await expect(provider(fetchFn).listConversations({ category: "INBOX", limit: 10 }, signal)).rejects.toMatchObject({
      code: "rate_limited",
      retryAfter: 7,
    });
  });
});

/** A Linkup-like thread whose cursor is inclusive (next page starts AT the oldest time served) and has ties. */
function inclusiveCursorThread(timestamps: number[]) {
  const messages = timestamps
    .map((timestamp, index) => ({ entity_urn: `urn:li:msg_message:(p,${index})`, timestamp, text: `#${index}`, sender: "X", message_type: "TEXT" }))
    .sort((a, b) => b.timestamp - a.timestamp);
  return stubFetch((call) => {
    const count = Number(call.body.params.count);
    const cursor = call.body.params.cursor === undefined ? Infinity : Number(call.body.params.cursor);
    const page = messages.filter((m) => m.timestamp <= cursor).slice(0, count);
    const oldest = page.at(-1);
    const hasOlder = oldest !== undefined && messages.some((m) => m.timestamp < oldest.timestamp);
    return Response.json({ success: true, data: { messages: page, ...(hasOlder || page.length === count ? { next_cursor: String(oldest?.timestamp) } : {}) } });
  });
}

async function readWholeThread(linkup: ReturnType<typeof provider>, limit: number) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1_000; pages++) {
    const page = await linkup.listMessages({ conversationId: "c", limit, cursor }, signal);
    seen.push(...page.items.map((m) => m.text));
    if (page.nextCursor === null) return { seen, pages: pages + 1 };
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not terminate");
}

describe("Linkup v2 adapter: pagination always terminates and serves each message once", () => {
  it("with an inclusive cursor and same-millisecond ties across page boundaries", async () => {
    const timestamps = Array.from({ length: 1_200 }, (_, i) => 1_000_000 + Math.floor(i / 3));
    const { fetchFn } = inclusiveCursorThread(timestamps);
    const { seen } = await readWholeThread(provider(fetchFn), 25);
    expect(seen).toHaveLength(1_200);
    expect(new Set(seen).size).toBe(1_200);
  });

  it("with a cursor that never moves", async () => {
    const { fetchFn } = stubFetch(() =>
      Response.json({ success: true, data: { messages: [{ entity_urn: "m", timestamp: 5, text: "same" }], next_cursor: "abc" } }),
    );
    const { seen, pages } = await readWholeThread(provider(fetchFn), 10);
    expect(seen).toEqual(["same"]);
    expect(pages).toBeLessThanOrEqual(3);
  });

  it("with more ties at one millisecond than a page holds", async () => {
    const { fetchFn } = inclusiveCursorThread([...Array.from({ length: 40 }, () => 500), 400, 300]);
    const { seen, pages } = await readWholeThread(provider(fetchFn), 10);
    expect(pages).toBeLessThan(20);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(["#40", "#41"]));
  });
});

describe("Linkup v2 adapter: emulated since", () => {
  const timestamps = Array.from({ length: 300 }, (_, i) => 10_000 + i * 10);

  it("returns every message with sentAt >= since, boundary included, newest first, once", async () => {
    const { fetchFn, calls } = inclusiveCursorThread(timestamps);
    const page = await provider(fetchFn).messagesSince({ conversationId: "c", since: 12_000 }, signal);
    expect(page.items.map((m) => m.sentAt)).toEqual(timestamps.filter((t) => t >= 12_000).reverse());
    expect(page.truncated).toBe(false);
    expect(page.nextCursor).toBeNull();
    expect(calls[0]?.body.params.count).toBe(10);
  });

  it("costs one small page when nothing is new", async () => {
    const { fetchFn, calls } = inclusiveCursorThread(timestamps);
    const page = await provider(fetchFn).messagesSince({ conversationId: "c", since: 12_990 }, signal);
    expect(page.items.map((m) => m.sentAt)).toEqual([12_990]);
    expect(calls).toHaveLength(1);
  });

  it("stops at its bound and says the answer is truncated", async () => {
    const many = Array.from({ length: 2_000 }, (_, i) => 1_000 + i);
    const { fetchFn, calls } = inclusiveCursorThread(many);
    const page = await provider(fetchFn).messagesSince({ conversationId: "c", since: 0 }, signal);
    expect(page.truncated).toBe(true);
    expect(calls.length).toBeLessThanOrEqual(6);
    expect(page.items[0]?.sentAt).toBe(2_999);
    expect(new Set(page.items.map((m) => m.id)).size).toBe(page.items.length);
  });
});
