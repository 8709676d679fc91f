import { afterEach, describe, expect, it, vi } from "vitest";
// providers.md §2's thread example, as written there.
import conversationExample from "@/tests/fixtures/linkup-v1/conversation.example.json";
// The v1 inbox page's example (docs.linkupapi.com/api-reference/linkup/Messages/inbox-conversations), which
// providers.md §2 abridges to "same item shape as v2, without is_me"; its next_cursor starts "REVTQ0VORElORy".
import inboxExample from "@/tests/fixtures/linkup-v1/inbox.example.json";
import { conversationsPageSchema, messagesPageSchema } from "@/lib/contracts/api";
import { ApiError } from "@/lib/server/errors";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import {
  createLinkupV1Provider,
  LINKUP_COUNTRIES,
  type LinkupV1Config,
} from "@/lib/server/providers/linkup-v1/adapter";
import { capabilitiesOf } from "@/lib/server/providers/capabilities";
import { LINKUP_CAPABILITIES } from "@/lib/server/providers/linkup/capabilities";

const API_KEY = "secret-api-key-123";
const LOGIN_TOKEN = "AQEDAR-li_at-cookie-secret-456";

type Call = { url: string; headers: Headers; rawBody: string; body: Record<string, unknown> };

function stubFetch(answer: (call: Call, index: number) => Response) {
  const calls: Call[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const rawBody = String(init?.body);
    const call: Call = { url: String(input), headers: new Headers(init?.headers), rawBody, body: JSON.parse(rawBody) as Record<string, unknown> };
    calls.push(call);
    return answer(call, calls.length - 1);
  };
  return { fetchFn, calls };
}

function provider(fetchFn: typeof fetch, overrides: Partial<LinkupV1Config> = {}) {
  return createLinkupV1Provider({
    baseUrl: "https://linkup.test/v1/",
    fetch: fetchFn,
    timeoutMs: 1_000,
    apiKey: API_KEY,
    loginToken: LOGIN_TOKEN,
    retry: NO_RETRY,
    ...overrides,
  });
}

const signal = new AbortController().signal;
const clone = <T>(value: T): T => structuredClone(value);
const inbox = (p: ReturnType<typeof provider>) => p.listConversations({ category: "INBOX", limit: 10 }, signal);
const thread = (p: ReturnType<typeof provider>, conversationId = "urn:li:msg_conversation:(x,2-abc==)") =>
  p.listMessages({ conversationId, limit: 10 }, signal);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Linkup v1 adapter: inbox", () => {
  it("sends the documented request: x-api-key header, login_token and country in the body, never in the URL", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(inboxExample));
    await provider(fetchFn).listConversations({ category: "STARRED", limit: 20 }, signal);

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe("https://linkup.test/v1/messages/inbox");
    expect(call?.headers.get("x-api-key")).toBe(API_KEY);
    expect(call?.headers.get("content-type")).toBe("application/json");
    expect(call?.body).toEqual({ category: "STARRED", total_results: 20, country: "FR", login_token: LOGIN_TOKEN });
    expect(call?.url).not.toContain(LOGIN_TOKEN);
    expect([...(call?.headers.values() ?? [])].join(" ")).not.toContain(LOGIN_TOKEN);
  });

  it("sends the configured country", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(inboxExample));
    await inbox(provider(fetchFn, { country: "US" }));
    expect(calls[0]?.body.country).toBe("US");
    expect(LINKUP_COUNTRIES).toEqual(["US", "UK", "FR", "DE", "NL", "IT", "IL", "CA", "BR", "ES", "IN"]);
  });

  it("maps the documented example, working out fromMe without is_me", async () => {
    const { fetchFn } = stubFetch(() => Response.json(inboxExample));
    const page = await inbox(provider(fetchFn));

    expect(conversationsPageSchema.parse({ conversations: page.items, nextCursor: page.nextCursor })).toBeTruthy();
    expect(page.items).toEqual([
      {
        id: "urn:li:msg_conversation:(urn:li:fsd_profile:ACoAADxnv0oB_dN-NfpvEBlsPU_W1omM-Xu24o,2-M2ZkODhkZjYtZDI1ZC00NzE4LWFiYjgtZDY4YmUxMGMwM2NkXzEwMA==)",
        participant: {
          name: "John Bell 🗓️⚡️",
          headline: "AI that instantly converts and manages pipeline meetings 24/7365. | Believer, Husband, Girl Dad x 3",
          profileUrl: "https://www.linkedin.com/in/michaeltoddbell",
          pictureUrl: expect.stringMatching(/^https:\/\/media\.licdn\.com\/dms\/image\/v2\/D4E0AEkAmN1PCA6OA\//),
        },
        // Sent by someone other than the participant of a one-to-one conversation: the rep.
        lastMessage: { text: expect.stringMatching(/^Hey Mike, I'm the founder of LinkupAPI/), sentAt: 1748629426457, fromMe: true },
        unreadCount: 0,
        type: "normal",
      },
    ]);
    expect(page.nextCursor).toEqual(expect.any(String));
    expect(page.nextCursor).not.toContain("REVTQ0VORElORy");
    // v1 reports no credits: we do not invent a number.
    expect(page.creditsConsumed).toBeUndefined();
  });

  it("passes our cursor back as the body's next_cursor (v1's request name for it)", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(inboxExample));
    const linkup = provider(fetchFn);
    const first = await inbox(linkup);
    await linkup.listConversations({ category: "INBOX", limit: 10, cursor: first.nextCursor ?? undefined }, signal);
    expect(calls[1]?.body).toEqual({
      category: "INBOX",
      total_results: 10,
      next_cursor: inboxExample.data.next_cursor,
      country: "FR",
      login_token: LOGIN_TOKEN,
    });
    expect(calls[1]?.body).not.toHaveProperty("cursor");
  });

  it("tolerates missing optional fields (an older docs revision's item) and unknown added ones", async () => {
    const body = {
      status: "success",
      brand_new: { nested: [1] },
      data: {
        total_results: 2,
        conversations: [
          {
            conversation_id: "urn:li:conversation:123456789",
            participant: { name: "John Doe", headline: "Software Engineer at Tech Company", profile_url: "https://www.linkedin.com/in/johndoe/" },
            last_message: { text: "Thanks for connecting!", time: 1679529600000 },
            unread: 1,
            type: "normal",
            surprise: true,
          },
          { participant: { name: "Acme", profile_url: "https://www.linkedin.com/company/acme", is_organization: true }, type: "Sponsored" },
        ],
      },
    };
    const { fetchFn } = stubFetch(() => Response.json(body));
    const page = await inbox(provider(fetchFn));
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((c) => [c.id, c.participant.name, c.lastMessage, c.unreadCount, c.type])).toEqual([
      ["urn:li:conversation:123456789", "John Doe", { text: "Thanks for connecting!", sentAt: 1679529600000, fromMe: null }, 1, "normal"],
      ["https://www.linkedin.com/company/acme", "Acme", null, 0, "sponsored"],
    ]);
  });

  it("names the field when a required one is missing", async () => {
    const body = clone(inboxExample) as { data: { conversations: Array<Record<string, unknown>> } };
    delete body.data.conversations[0]?.participant;
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { fetchFn } = stubFetch(() => Response.json(body));
    await expect(inbox(provider(fetchFn))).rejects.toMatchObject({
      code: "upstream_invalid",
      message: expect.stringMatching(/Linkup.*data\.conversations\.0\.participant/),
    });
  });
});

describe("Linkup v1 adapter: conversation", () => {
  it("maps the documented example and sends conversation_id, total_results, country, login_token", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(conversationExample));
    const page = await provider(fetchFn).listMessages({ conversationId: "urn:li:msg_conversation:(x,2-abc==)", limit: 30 }, signal);

    expect(calls[0]?.url).toBe("https://linkup.test/v1/messages/conversation");
    expect(calls[0]?.body).toEqual({ conversation_id: "urn:li:msg_conversation:(x,2-abc==)", total_results: 30, country: "FR", login_token: LOGIN_TOKEN });
    expect(messagesPageSchema.parse({ messages: page.items, nextCursor: page.nextCursor })).toBeTruthy();
    expect(page.items).toEqual([
      {
        id: "urn:li:msg_message:(...)@1745267779513",
        text: "hello",
        sentAt: 1745267779513,
        sender: { name: "Alés Préw" },
        // No profile URL on the sender: nothing tells whether the rep wrote it.
        fromMe: null,
        type: "text",
        attachments: [],
        reactions: [],
      },
    ]);
    // Neither has_next_page nor next_cursor: the end.
    expect(page.nextCursor).toBeNull();
  });

  it("reads by linkedin_url when our conversation id is a profile URL, and infers fromMe from it", async () => {
    const body = {
      status: "success",
      data: {
        messages: [
          { entity_urn: "m2", timestamp: 2, text: "hi", sender: "Jane Doe", sender_info: { profile_url: "https://www.linkedin.com/in/jane-doe-42/" }, message_type: "TEXT" },
          { entity_urn: "m1", timestamp: 1, text: "yo", sender: "Rep", sender_info: { profile_url: "https://www.linkedin.com/in/the-rep" }, message_type: "SYSTEM" },
        ],
      },
    };
    const { fetchFn, calls } = stubFetch(() => Response.json(body));
    const page = await provider(fetchFn).listMessages({ conversationId: "https://www.linkedin.com/in/jane-doe-42", limit: 5 }, signal);
    expect(calls[0]?.body).toEqual({ linkedin_url: "https://www.linkedin.com/in/jane-doe-42", total_results: 5, country: "FR", login_token: LOGIN_TOKEN });
    expect(page.items.map((m) => [m.text, m.fromMe, m.type])).toEqual([
      ["hi", false, "text"],
      ["yo", true, "system"],
    ]);
  });

  it("uses the configured own profile, or what the inbox taught it, to tell the rep's messages apart", async () => {
    const body = {
      status: "success",
      data: {
        messages: [
          { entity_urn: "m2", timestamp: 2, sender_info: { profile_url: "https://www.linkedin.com/in/michaeltoddbell/" } },
          { entity_urn: "m1", timestamp: 1, sender_info: { profile_url: "https://www.linkedin.com/in/someone-else" } },
        ],
      },
    };
    const conversationId = inboxExample.data.conversations[0]!.conversation_id;
    const configured = stubFetch(() => Response.json(body));
    const withSelf = await provider(configured.fetchFn, { selfProfileUrl: "https://linkedin.com/in/Someone-Else" }).listMessages({ conversationId, limit: 5 }, signal);
    expect(withSelf.items.map((m) => m.fromMe)).toEqual([false, true]);

    const learned = stubFetch((call) => Response.json(call.url.endsWith("/inbox") ? inboxExample : body));
    const linkup = provider(learned.fetchFn);
    expect((await thread(linkup, conversationId)).items.map((m) => m.fromMe)).toEqual([null, null]);
    await inbox(linkup);
    expect((await thread(linkup, conversationId)).items.map((m) => m.fromMe)).toEqual([false, true]);
  });

  it("tolerates a sparse message and unknown fields; rejects a message without entity_urn", async () => {
    const sparse = { status: "success", data: { messages: [{ entity_urn: "m1", timestamp: 5, added: { deep: true } }], has_next_page: false, extra: 1 } };
    const { fetchFn } = stubFetch(() => Response.json(sparse));
    const page = await thread(provider(fetchFn));
    expect(page.items.map((m) => [m.text, m.sender.name, m.type, m.fromMe])).toEqual([["", "LinkedIn member", "text", null]]);

    const broken = clone(conversationExample) as { data: { messages: Array<Record<string, unknown>> } };
    delete broken.data.messages[0]?.entity_urn;
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { fetchFn: brokenFetch } = stubFetch(() => Response.json(broken));
    await expect(thread(provider(brokenFetch))).rejects.toMatchObject({
      code: "upstream_invalid",
      message: expect.stringContaining("data.messages.0.entity_urn"),
    });
  });
});

describe("Linkup v1 adapter: thread paging", () => {
  const message = (n: number) => ({ entity_urn: `urn:li:msg_message:(p,${n})`, timestamp: 1_000 + n, text: `#${n}` });

  it("has_next_page:false ends paging even with a next_cursor present", async () => {
    const { fetchFn } = stubFetch(() => Response.json({ status: "success", data: { messages: [message(2), message(1)], next_cursor: "1001", has_next_page: false } }));
    expect((await thread(provider(fetchFn))).nextCursor).toBeNull();
  });

  it("follows a numeric next_cursor, sent back as the body's cursor", async () => {
    const { fetchFn, calls } = stubFetch((_call, index) =>
      Response.json({ status: "success", data: index === 0 ? { messages: [message(3), message(2)], next_cursor: 1002, has_next_page: true } : { messages: [message(1)] } }),
    );
    const linkup = provider(fetchFn);
    const first = await thread(linkup);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await linkup.listMessages({ conversationId: "c", limit: 10, cursor: first.nextCursor ?? undefined }, signal);
    expect(calls[1]?.body.cursor).toBe("1002");
    expect(second.items.map((m) => m.text)).toEqual(["#1"]);
    expect(second.nextCursor).toBeNull();
  });

  it("has_next_page:true without a next_cursor continues from the oldest message's timestamp", async () => {
    const { fetchFn, calls } = stubFetch((_call, index) =>
      Response.json({ status: "success", data: index === 0 ? { messages: [message(3), message(2)], has_next_page: true } : { messages: [message(2), message(1)], has_next_page: false } }),
    );
    const linkup = provider(fetchFn);
    const first = await thread(linkup);
    const second = await linkup.listMessages({ conversationId: "c", limit: 10, cursor: first.nextCursor ?? undefined }, signal);
    expect(calls[1]?.body.cursor).toBe("1002");
    // The inclusive repeat of #2 is served once.
    expect([...first.items, ...second.items].map((m) => m.text)).toEqual(["#3", "#2", "#1"]);
  });

  it("serves each message once through an inclusive cursor with same-millisecond ties, and terminates", async () => {
    const all = Array.from({ length: 300 }, (_, i) => ({ entity_urn: `u${i}`, timestamp: 5_000 - Math.floor(i / 3), text: `#${i}` }));
    const { fetchFn } = stubFetch((call) => {
      const cursor = call.body.cursor === undefined ? Infinity : Number(call.body.cursor);
      const eligible = all.filter((m) => m.timestamp <= cursor);
      const page = eligible.slice(0, Number(call.body.total_results));
      return Response.json({ status: "success", data: { messages: page, next_cursor: String(page.at(-1)?.timestamp), has_next_page: eligible.length > page.length } });
    });
    const linkup = provider(fetchFn);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await linkup.listMessages({ conversationId: "c", limit: 25, cursor }, signal);
      seen.push(...page.items.map((m) => m.text));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.map((m) => m.text));
  });

  it("rejects a cursor we did not issue with bad_request and calls nobody", async () => {
    const { fetchFn, calls } = stubFetch(() => Response.json(conversationExample));
    await expect(provider(fetchFn).listMessages({ conversationId: "c", limit: 5, cursor: "1745267779513" }, signal)).rejects.toMatchObject({ code: "bad_request" });
    expect(calls).toHaveLength(0);
  });
});

describe("Linkup v1 adapter: emulated since", () => {
  // Exclusive cursor: next_cursor is the oldest timestamp served, the next page holds strictly older ones.
  function timeline(timestamps: number[]) {
    const all = timestamps.map((timestamp, i) => ({ entity_urn: `u${i}`, timestamp, text: `#${i}` })).sort((a, b) => b.timestamp - a.timestamp);
    return stubFetch((call) => {
      const cursor = call.body.cursor === undefined ? Infinity : Number(call.body.cursor);
      const eligible = all.filter((m) => m.timestamp < cursor);
      const page = eligible.slice(0, Number(call.body.total_results));
      return Response.json({ status: "success", data: { messages: page, ...(page.length ? { next_cursor: String(page.at(-1)?.timestamp) } : {}), has_next_page: eligible.length > page.length } });
    });
  }
  const timestamps = Array.from({ length: 300 }, (_, i) => 10_000 + i * 10);

  it("returns every message with sentAt >= since, boundary included, newest first, once", async () => {
    const { fetchFn, calls } = timeline(timestamps);
    const page = await provider(fetchFn).messagesSince({ conversationId: "c", since: 12_000 }, signal);
    expect(page.items.map((m) => m.sentAt)).toEqual(timestamps.filter((t) => t >= 12_000).reverse());
    expect(page.truncated).toBe(false);
    expect(page.nextCursor).toBeNull();
    expect(calls.map((c) => c.body.total_results)).toEqual([10, 25, 50, 100]);
    expect(calls.every((c) => c.body.login_token === LOGIN_TOKEN && c.body.country === "FR")).toBe(true);
  });

  it("costs one small page when nothing is new", async () => {
    const { fetchFn, calls } = timeline(timestamps);
    const page = await provider(fetchFn).messagesSince({ conversationId: "c", since: 12_991 }, signal);
    expect(page.items).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("stops at its bound and says the answer is truncated", async () => {
    const { fetchFn, calls } = timeline(Array.from({ length: 2_000 }, (_, i) => 1_000 + i));
    const page = await provider(fetchFn).messagesSince({ conversationId: "c", since: 0 }, signal);
    expect(page.truncated).toBe(true);
    expect(calls).toHaveLength(6);
    expect(page.items[0]?.sentAt).toBe(2_999);
    expect(page.items).toHaveLength(385);
    expect(new Set(page.items.map((m) => m.id)).size).toBe(385);
  });
});

describe("Linkup v1 adapter: errors", () => {
  const DETAIL = "UPSTREAM-DETAIL-7f3a";
  // [case, HTTP status, body, call, our code, retryable]
  const cases: Array<[string, number, unknown, "inbox" | "conversation", string, boolean]> = [
    ["wrong API key (403)", 403, { status: "error", message: `Invalid API key ${DETAIL}` }, "inbox", "upstream_auth", false],
    ["wrong login_token (401)", 401, { status: "error", message: `Invalid or expired login_token ${DETAIL}` }, "inbox", "upstream_auth", false],
    ["expired cookie as HTTP 200", 200, { status: "error", message: `Your LinkedIn cookie has expired ${DETAIL}` }, "conversation", "upstream_auth", false],
    ["invalid token in data (n8n shape)", 200, { status: "error", data: `Invalid login token ${DETAIL}` }, "inbox", "upstream_auth", false],
    ["session expired as 400", 400, { status: "error", message: `Session expired, please log in again ${DETAIL}` }, "inbox", "upstream_auth", false],
    ["bare 403 without JSON", 403, "<html>Forbidden</html>", "inbox", "upstream_auth", false],
    ["402", 402, { status: "error", message: DETAIL }, "inbox", "credits_exhausted", false],
    ["no credits as HTTP 200", 200, { status: "error", message: `Insufficient credits ${DETAIL}` }, "conversation", "credits_exhausted", false],
    ["429", 429, { status: "error", message: DETAIL }, "inbox", "rate_limited", true],
    ["LinkedIn rate limiting as HTTP 200", 200, { status: "error", data: `Rate limiting from LinkedIn ${DETAIL}` }, "conversation", "rate_limited", true],
    ["500", 500, { status: "error", message: DETAIL }, "inbox", "upstream_error", true],
    ["502 HTML", 502, `<html>${DETAIL}</html>`, "conversation", "upstream_error", true],
    ["404 on the thread", 404, { status: "error", message: DETAIL }, "conversation", "not_found", false],
    ["conversation not found as HTTP 200", 200, { status: "error", message: `Conversation not found ${DETAIL}` }, "conversation", "not_found", false],
    ["conversation not found in data (n8n shape)", 400, { status: "error", data: `conversation not found ${DETAIL}` }, "conversation", "not_found", false],
    ["404 on the inbox", 404, { status: "error", message: DETAIL }, "inbox", "upstream_error", false],
    ["unknown error as 400", 400, { status: "error", message: `Something odd happened ${DETAIL}` }, "inbox", "upstream_error", false],
    ["error without any text", 200, { status: "error" }, "conversation", "upstream_error", false],
  ];

  it.each(cases)("%s → the right ApiError, never the upstream text or a secret", async (_name, status, body, call, code, retryable) => {
    const { fetchFn } = stubFetch(() => (typeof body === "string" ? new Response(body, { status }) : Response.json(body, { status })));
    const linkup = provider(fetchFn);
    const error = await (call === "inbox" ? inbox(linkup) : thread(linkup)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.code).toBe(code);
    expect(apiError.retryable).toBe(retryable);
    for (const secret of [DETAIL, LOGIN_TOKEN, API_KEY, "login_token", "LINKUP_"]) {
      expect(apiError.message).not.toContain(secret);
      expect(JSON.stringify(apiError.toEnvelope())).not.toContain(secret);
    }
  });

  it("tells a rejected API key apart from an expired LinkedIn session, in words for the rep", async () => {
    const key = stubFetch(() => Response.json({ status: "error", message: "Invalid API key" }, { status: 403 }));
    const session = stubFetch(() => Response.json({ status: "error", message: "Invalid or expired login_token" }, { status: 401 }));
    await expect(inbox(provider(key.fetchFn))).rejects.toMatchObject({ message: expect.stringMatching(/API key/) });
    await expect(inbox(provider(session.fetchFn))).rejects.toMatchObject({ message: expect.stringMatching(/LinkedIn session.*expired.*[Rr]econnect/) });
  });

  it("a rate limit carries Retry-After and is retried", async () => {
    const limited = stubFetch(() => Response.json({ status: "error", message: "slow down" }, { status: 429, headers: { "retry-after": "7" } }));
    await expect(inbox(provider(limited.fetchFn))).rejects.toMatchObject({ code: "rate_limited", retryAfter: 7 });

    const recovering = stubFetch((_call, index) =>
      index === 0 ? Response.json({ status: "error", message: "slow down" }, { status: 429, headers: { "retry-after": "0" } }) : Response.json(inboxExample),
    );
    const page = await inbox(provider(recovering.fetchFn, { retry: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0, budgetMs: 100 } }));
    expect(page.items).toHaveLength(1);
    expect(recovering.calls).toHaveLength(2);
  });

  it("never logs or reports the login token, even when the response drifts or the network fails", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const drift = stubFetch(() => Response.json({ status: "success", data: { conversations: "nope" } }));
    await expect(inbox(provider(drift.fetchFn))).rejects.toMatchObject({ code: "upstream_invalid" });
    expect(logged).toHaveBeenCalled();

    const down: typeof fetch = async () => {
      throw new TypeError("fetch failed");
    };
    const error = await inbox(provider(down)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "upstream_error" });

    const everything = JSON.stringify([logged.mock.calls, (error as ApiError).message, (error as ApiError).toEnvelope()]);
    expect(everything).not.toContain(LOGIN_TOKEN);
    expect(everything).not.toContain(API_KEY);
  });
});

describe("Linkup v1 adapter: capabilities", () => {
  it("offers every category, an emulated since and replies of up to LinkedIn's 8,000 characters, without sync", () => {
    const { fetchFn } = stubFetch(() => Response.json(inboxExample));
    const linkup = provider(fetchFn);
    expect(capabilitiesOf(linkup)).toEqual({ categories: ["INBOX", "UNREAD", "MY_CONNECTIONS", "INMAIL", "STARRED"], since: "emulated", search: false, needsSync: false, send: { maxLength: 8_000, subjectForInMail: false }, push: false });
    expect(LINKUP_CAPABILITIES.since).toBe("emulated");
  });
});
