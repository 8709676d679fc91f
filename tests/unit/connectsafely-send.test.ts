import { describe, expect, it } from "vitest";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import { createConnectSafelyProvider, type ConnectSafelyConfig } from "@/lib/server/providers/connectsafely/adapter";
import { mayHaveArrived } from "@/lib/server/providers/send-errors";
import { handleConnectSafelyRequest } from "@/tests/fake-upstream/connectsafely";
import { createFixtureMailbox, FIXTURE_SELF } from "@/tests/fake-upstream/fixture-mailbox";
import { failureOf, senderOf } from "@/tests/unit/support/send";

/**
 * ConnectSafely's `POST /linkedin/conversations/send` (providers.md §3d): the documented request
 * (Bearer key, the conversation's URN, `messagingChannel: "auto"`), `sentMessage` mapped where it
 * names the message, the documented statuses and error shapes, never a second attempt; then the
 * adapter against the fake.
 */
type Call = { url: string; method: string; headers: Headers; body: Record<string, unknown> };

const BASE = "https://cs.test/linkedin";
const KEY = "cs-send-secret";
const ACCOUNT = "507f1f77bcf86cd799439011";
const URN = "urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA1,2-ODFk)";
const NOW = Date.parse("2026-04-27T10:00:00Z");
const signal = new AbortController().signal;

const sent = (sentMessage: unknown = {}) =>
  Response.json({ success: true, message: "Message sent successfully", recipientProfileUrn: "urn:li:fsd_profile:ACoAAJ", sentMessage });

function setup(answer: (call: Call) => Response, overrides: Partial<ConnectSafelyConfig> = {}) {
  const calls: Call[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), method: init?.method ?? "GET", headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) as Record<string, unknown> });
    return answer(calls.at(-1)!);
  };
  const provider = createConnectSafelyProvider({ baseUrl: `${BASE}/`, fetch: fetchFn, timeoutMs: 1_000, apiKey: KEY, accountId: ACCOUNT, now: () => NOW, ...overrides });
  return { sender: senderOf(provider), calls };
}

describe("ConnectSafely send: the documented request and answer", () => {
  it("posts the conversation's URN, the text and messagingChannel auto, with the account; the key only as Bearer", async () => {
    const { sender, calls } = setup(() => sent());
    const receipt = await sender.send({ conversationId: URN, text: "Thanks!" }, signal);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ url: `${BASE}/conversations/send`, method: "POST" });
    expect(calls[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(calls[0]?.body).toEqual({ accountId: ACCOUNT, conversationUrn: URN, message: "Thanks!", messagingChannel: "auto" });
    expect(JSON.stringify(calls[0]?.body)).not.toContain(KEY);
    // The docs show `sentMessage: {}`: sent, but unnamed.
    expect(receipt).toEqual({ kind: "sent", message: null });
  });

  it("passes a subject when there is one, and no accountId when none is configured", async () => {
    const { sender, calls } = setup(() => sent(), { accountId: undefined });
    await sender.send({ conversationId: URN, text: "Hi", subject: "Our call" }, signal);
    expect(calls[0]?.body).toEqual({ conversationUrn: URN, message: "Hi", subject: "Our call", messagingChannel: "auto" });
  });

  it("a sentMessage that names the message becomes the message the thread will show, by the thread's id fields", async () => {
    const cases = [
      [{ messageId: "urn:li:msg_message:(o,2-a)", backendMessageUrn: "urn:li:messagingMessage:2-a", sentAt: 1_777_000_000_000 }, "urn:li:msg_message:(o,2-a)", 1_777_000_000_000],
      [{ backendMessageUrn: "urn:li:messagingMessage:2-b" }, "urn:li:messagingMessage:2-b", NOW],
      [{ messageUrn: "urn:li:msg_message:(o,2-c)", sentAt: "not a number" }, undefined, undefined],
      [{ messageUrn: "urn:li:msg_message:(o,2-c)" }, "urn:li:msg_message:(o,2-c)", NOW],
    ] as const;
    for (const [sentMessage, id, sentAt] of cases) {
      const { sender } = setup(() => sent(sentMessage));
      const receipt = await sender.send({ conversationId: URN, text: "Hello there", subject: "Re: pricing" }, signal);
      expect(receipt).toEqual({
        kind: "sent",
        message: id === undefined ? null : { id, text: "Hello there", sentAt, sender: { name: "You" }, fromMe: true, type: "text", subject: "Re: pricing", attachments: [], reactions: [] },
      });
    }
  });

  it("says what it can send: 8,000 characters, a subject never required", () => {
    expect(setup(() => sent()).sender.limits).toEqual({ maxLength: 8_000, subjectForInMail: false });
  });
});

describe("ConnectSafely send: documented errors, in our words, never a second attempt", () => {
  it.each([
    [401, { error: "Unauthorized - Invalid credentials" }, "upstream_auth", false],
    [403, { success: false, error: "Your trial has expired. Please subscribe to continue using this feature." }, "upstream_auth", false],
    [404, { success: false, error: "Account not found" }, "upstream_auth", false],
    [404, { success: false, error: "Recipient not found" }, "not_found", false],
    [400, { success: false, error: "message is required" }, "upstream_error", false],
    [429, { success: false, error: "Rate limit exceeded for SEND_MESSAGE: 100/100 used. Resets at 2026-04-28T00:00:00Z", holdUntil: "2026-04-28T00:00:00Z" }, "rate_limited", false],
    [200, { success: false, error: "Recipient not found" }, "not_found", false],
    [500, { success: false, error: "Failed to send message" }, "upstream_error", true],
  ] as const)("HTTP %i %j → %s, called once", async (status, body, code, maybeArrived) => {
    const { sender, calls } = setup(() => Response.json(body, { status }));
    const error = await failureOf(sender.send({ conversationId: URN, text: "hi" }, signal));
    expect(error.code).toBe(code);
    expect(error.message).not.toContain(body.error);
    expect(mayHaveArrived(error)).toBe(maybeArrived);
    expect(calls).toHaveLength(1);
  });

  it("a rate limit says when it resets", async () => {
    const { sender } = setup(() => Response.json({ success: false, error: "Rate limit exceeded", holdUntil: "2026-04-27T10:05:00Z" }, { status: 429 }));
    expect((await failureOf(sender.send({ conversationId: URN, text: "hi" }, signal))).retryAfter).toBe(300);
  });

  it("a 2xx we cannot read may have arrived", async () => {
    const { sender, calls } = setup(() => Response.json({ ok: true }));
    const error = await failureOf(sender.send({ conversationId: URN, text: "hi" }, signal));
    expect(error.code).toBe("upstream_invalid");
    expect(mayHaveArrived(error)).toBe(true);
    expect(calls).toHaveLength(1);
  });
});

describe("ConnectSafely send over the fake", () => {
  function world(apiKey = KEY) {
    const fixture = createFixtureMailbox(NOW - 60_000);
    const clock = { now: NOW };
    const paths: string[] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      paths.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
      return handleConnectSafelyRequest(new Request(String(input), init), { mailbox: fixture.mailbox, apiKey: KEY, accountId: ACCOUNT, self: FIXTURE_SELF, now: () => clock.now });
    };
    const provider = createConnectSafelyProvider({ baseUrl: BASE, fetch: fetchFn, timeoutMs: 5_000, apiKey, accountId: ACCOUNT, retry: NO_RETRY, now: () => clock.now });
    return { fixture, clock, paths, provider, sender: senderOf(provider) };
  }

  it("sends once; the thread's newest page and since then show it exactly once, from the rep", async () => {
    const { fixture, clock, paths, provider, sender } = world();
    const conversationId = fixture.conversationIds()[5] ?? "";
    clock.now += 2_000;
    expect(await sender.send({ conversationId, text: "Let's talk Thursday" }, signal)).toEqual({ kind: "sent", message: null });
    expect(paths).toEqual(["POST /linkedin/conversations/send"]);

    const newest = await provider.listMessages({ conversationId, limit: 20 }, signal);
    expect(newest.items[0]).toMatchObject({ text: "Let's talk Thursday", sentAt: clock.now, fromMe: true });
    const since = await provider.messagesSince({ conversationId, since: clock.now }, signal);
    expect(since.items.map((message) => [message.id, message.text, message.fromMe])).toEqual([[newest.items[0]?.id, "Let's talk Thursday", true]]);
    expect(newest.items.filter((message) => message.text === "Let's talk Thursday")).toHaveLength(1);
  });

  it("a wrong key is refused with nothing sent; an unknown conversation is not_found", async () => {
    const { fixture, sender } = world("wrong-key");
    const conversationId = fixture.conversationIds()[5] ?? "";
    const before = fixture.mailbox.thread(conversationId)?.messages.length;
    expect((await failureOf(sender.send({ conversationId, text: "hi" }, signal))).code).toBe("upstream_auth");
    expect(fixture.mailbox.thread(conversationId)?.messages.length).toBe(before);
    expect((await failureOf(world().sender.send({ conversationId: "urn:li:msg_conversation:(x,2-nope)", text: "hi" }, signal))).code).toBe("not_found");
  });
});
