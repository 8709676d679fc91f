import { describe, expect, it, vi } from "vitest";
import { messageSchema } from "@/lib/contracts/api";
import { createDemoLinkupFetch, DEMO_ACCOUNT } from "@/lib/server/demo";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import { handleLinkupV2Request } from "@/lib/server/linkup-v2-simulator/wire";
import { createLinkupV2Provider, type LinkupV2Config } from "@/lib/server/providers/linkup-v2/adapter";
import { SENDER_CHECK_MS } from "@/lib/server/providers/identity-memory";
import { mayHaveArrived } from "@/lib/server/providers/send-errors";
import { createFixtureMailbox, FIXTURE_SELF } from "@/tests/fake-upstream/fixture-mailbox";
import { expectShownOnce, failureOf, senderOf, sentMessageOf } from "@/tests/unit/support/send";

/**
 * Linkup v2's `send` action (providers.md §1d): the documented request, whom a reply goes to (Linkup
 * sends by profile URL only), the answer as the message the thread will show, every documented
 * error, and never a second attempt. Then the adapter against the simulator, and the demo.
 */
type Body = { account_id: string; action: string; params: Record<string, unknown> };
type Call = { url: string; headers: Headers; body: Body };

const BASE = "https://linkup.test/v2";
const API_KEY = "secret-v2-key";
const SELF = "https://www.linkedin.com/in/rep-self";
const JANE = "https://www.linkedin.com/in/jane-doe-42";
const CONVERSATION = "urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA1,2-MDZi)";
const signal = new AbortController().signal;

const sentAnswer = (deliveredAt: string | number = "2026-03-24T12:00:00.250Z") =>
  Response.json({
    success: true,
    data: { entityUrn: "urn:li:messagingMessage:abc123", conversation_id: "2-YWJjMTIz", deliveredAt },
    metadata: { action: "send", account_id: "acc_1", credits_consumed: 1, timestamp: "2026-03-24T12:00:00Z" },
  });

const inboxAnswer = () =>
  Response.json({
    success: true,
    data: { conversations: [{ conversation_id: CONVERSATION, participant: { name: "Jane Doe", profile_url: JANE }, last_message: { text: "Hi", time: 1 }, unread: 0 }], next_cursor: null },
  });

const threadAnswer = (senders: readonly string[]) =>
  Response.json({
    success: true,
    data: {
      messages: senders.map((profileUrl, index) => ({ entity_urn: `urn:li:msg_message:${index}`, timestamp: 1_000 - index, text: `m${index}`, sender_info: { profile_url: profileUrl } })),
    },
  });

const linkupError = (status: number, code: string) =>
  Response.json({ success: false, error: { code, message: "upstream words" }, metadata: { action: "send", credits_consumed: 0 } }, { status });

function setup(answer: (call: Call, signal: AbortSignal) => Response | Promise<Response>, overrides: Partial<LinkupV2Config> = {}) {
  const calls: Call[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const call: Call = { url: String(input), headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) as Body };
    calls.push(call);
    return answer(call, init?.signal ?? signal);
  };
  const provider = createLinkupV2Provider({ baseUrl: `${BASE}/`, fetch: fetchFn, timeoutMs: 1_000, apiKey: API_KEY, accountId: "acc_1", selfProfileUrl: SELF, ...overrides });
  return { provider, sender: senderOf(provider), calls, sends: () => calls.filter((call) => call.body.action === "send") };
}


/** Answers reads as a one-to-one thread with Jane, and sends with `onSend`. */
const withJane = (onSend: () => Response | Promise<Response>) => (call: Call) => {
  if (call.body.action === "list_inbox") return inboxAnswer();
  if (call.body.action === "get_conversation") return threadAnswer([JANE, SELF, JANE]);
  return onSend();
};

/** A group the inbox names by Jane: Bo writes in it too. */
const inGroup = (call: Call) => {
  if (call.body.action === "list_inbox") return inboxAnswer();
  if (call.body.action === "get_conversation") return threadAnswer([JANE, "https://www.linkedin.com/in/bo", SELF]);
  return sentAnswer();
};

describe("Linkup v2 send: the documented request and answer", () => {
  it("posts action send with the participant's profile_url and the text; the key only in x-api-key", async () => {
    const { provider, sender, sends } = setup(withJane(() => sentAnswer()));
    await provider.listConversations({ category: "INBOX", limit: 10 }, signal);
    const receipt = await sender.send({ conversationId: CONVERSATION, text: "Thanks, talk soon" }, signal);

    const [send] = sends();
    expect(sends()).toHaveLength(1);
    expect(send?.url).toBe(`${BASE}/messages`);
    expect(send?.headers.get("x-api-key")).toBe(API_KEY);
    expect(send?.headers.get("content-type")).toBe("application/json");
    expect(send?.body).toEqual({ account_id: "acc_1", action: "send", params: { profile_url: JANE, message_text: "Thanks, talk soon" } });
    expect(JSON.stringify(send?.body)).not.toContain(API_KEY);
    expect(send?.url).not.toContain(API_KEY);

    const sentAt = Date.parse("2026-03-24T12:00:00.250Z");
    expect(receipt).toEqual({
      kind: "sent",
      message: {
        id: `urn:li:messagingMessage:abc123@${sentAt}`,
        text: "Thanks, talk soon",
        sentAt,
        sender: { name: "You", profileUrl: SELF },
        fromMe: true,
        type: "text",
        attachments: [],
        reactions: [],
      },
    });
    expect(messageSchema.safeParse(receipt.kind === "sent" ? receipt.message : null).success).toBe(true);
  });

  it("takes deliveredAt as ISO text or epoch ms; an answer naming no message still says it was sent", async () => {
    for (const [deliveredAt, sentAt] of [
      [1_753_696_188_256, 1_753_696_188_256],
      ["1753696188256", 1_753_696_188_256],
      ["2026-03-24T12:00:00Z", Date.parse("2026-03-24T12:00:00Z")],
    ] as const) {
      const { sender } = setup(() => sentAnswer(deliveredAt));
      const receipt = await sender.send({ conversationId: JANE, text: "hi" }, signal);
      expect(receipt.kind === "sent" && receipt.message?.sentAt).toBe(sentAt);
    }
    const { sender } = setup(() => Response.json({ success: true, metadata: { credits_consumed: 1 } }));
    expect(await sender.send({ conversationId: JANE, text: "hi" }, signal)).toEqual({ kind: "sent", message: null });
  });

  it("tells the account's meter what the send cost", async () => {
    const credits: Array<number | undefined> = [];
    const meter = { beforeCall: async () => undefined, afterCall: async (spent: number | undefined) => void credits.push(spent) };
    const { sender } = setup(() => sentAnswer(), { meter });
    await sender.send({ conversationId: JANE, text: "hi" }, signal);
    expect(credits).toEqual([1]);
  });

  it("says what it can send: LinkedIn's 8,000 characters, no subject", () => {
    const { sender } = setup(() => sentAnswer());
    expect(sender.limits).toEqual({ maxLength: 8_000, subjectForInMail: false });
  });
});

describe("Linkup v2 send: whom a reply goes to", () => {
  it("a conversation id that is a profile URL is the recipient itself: one call, no lookup", async () => {
    const { sender, calls } = setup(() => sentAnswer());
    await sender.send({ conversationId: JANE, text: "hi" }, signal);
    expect(calls.map((call) => [call.body.action, call.body.params.profile_url])).toEqual([["send", JANE]]);
  });

  it("an inbox page's participant is not enough (a group's row names one person): the newest messages are read first, then the reply goes to that participant", async () => {
    const { provider, sender, calls } = setup(withJane(() => sentAnswer()));
    await provider.listConversations({ category: "INBOX", limit: 10 }, signal);
    await sender.send({ conversationId: CONVERSATION, text: "hi" }, signal);
    expect(calls.map((call) => call.body.action)).toEqual(["list_inbox", "get_conversation", "send"]);
    expect(calls[2]?.body.params.profile_url).toBe(JANE);
  });

  it("a group another instance's inbox page named by one participant (the shared cache's answer): this instance reads the thread and refuses", async () => {
    const elsewhere = setup(inGroup);
    const page = await elsewhere.provider.listConversations({ category: "INBOX", limit: 10 }, signal);
    // This instance never read the inbox or the thread: it is handed the page as the cache served it (JSON, parsed).
    const { provider, sender, sends } = setup(inGroup);
    provider.learnFromPage?.(JSON.parse(JSON.stringify(page.items)) as typeof page.items);
    const error = await failureOf(sender.send({ conversationId: CONVERSATION, text: "meant for the group" }, signal));
    expect(error.message).toMatch(/several people/);
    expect(sends()).toHaveLength(0);
  });

  it("a since poll that shows only the newest message of a group vouches for nothing: the reply reads the newest messages and refuses", async () => {
    const { provider, sender, sends, calls } = setup(inGroup);
    // The group thread's newest is Jane's (time 1,000); Bo wrote just before it.
    const page = await provider.messagesSince({ conversationId: CONVERSATION, since: 1_000 }, signal);
    expect(page.items.map((message) => message.text)).toEqual(["m0"]);
    const error = await failureOf(sender.send({ conversationId: CONVERSATION, text: "meant for the group" }, signal));
    expect(error.message).toMatch(/several people/);
    expect(calls.map((call) => call.body.action)).toEqual(["get_conversation", "get_conversation"]);
    expect(sends()).toHaveLength(0);
  });

  it("a check of the thread's senders vouches for a few minutes: then the next reply looks again", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const { provider, sender, calls } = setup(withJane(() => sentAnswer()));
      await provider.listConversations({ category: "INBOX", limit: 10 }, signal);
      await sender.send({ conversationId: CONVERSATION, text: "one" }, signal);
      vi.advanceTimersByTime(SENDER_CHECK_MS - 1);
      await sender.send({ conversationId: CONVERSATION, text: "two" }, signal);
      vi.advanceTimersByTime(1);
      await sender.send({ conversationId: CONVERSATION, text: "three" }, signal);
      expect(calls.map((call) => call.body.action)).toEqual(["list_inbox", "get_conversation", "send", "send", "get_conversation", "send"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("the other sender of a thread page read before is remembered: no lookup", async () => {
    const { provider, sender, calls } = setup(withJane(() => sentAnswer()));
    await provider.listMessages({ conversationId: CONVERSATION, limit: 30 }, signal);
    await sender.send({ conversationId: CONVERSATION, text: "hi" }, signal);
    expect(calls.map((call) => call.body.action)).toEqual(["get_conversation", "send"]);
    expect(calls[1]?.body.params.profile_url).toBe(JANE);
  });

  it("otherwise reads the newest few messages once, finds the sender who is not the rep, and remembers them", async () => {
    const { sender, calls } = setup(withJane(() => sentAnswer()));
    await sender.send({ conversationId: CONVERSATION, text: "one" }, signal);
    await sender.send({ conversationId: CONVERSATION, text: "two" }, signal);
    expect(calls.map((call) => call.body.action)).toEqual(["get_conversation", "send", "send"]);
    expect(calls[0]?.body.params).toEqual({ conversation_id: CONVERSATION, count: 10 });
    expect(calls.slice(1).map((call) => call.body.params.profile_url)).toEqual([JANE, JANE]);
  });

  it("the inbox's participant wins over one worked out from a thread", async () => {
    const other = "https://www.linkedin.com/in/someone-else";
    const { provider, sender, sends } = setup((call) => {
      if (call.body.action === "get_conversation") return threadAnswer([other, SELF]);
      if (call.body.action === "list_inbox") return inboxAnswer();
      return sentAnswer();
    });
    await provider.listMessages({ conversationId: CONVERSATION, limit: 30 }, signal);
    await provider.listConversations({ category: "INBOX", limit: 10 }, signal);
    await sender.send({ conversationId: CONVERSATION, text: "hi" }, signal);
    expect(sends()[0]?.body.params.profile_url).toBe(JANE);
  });

  it("a group the inbox names by one participant: once a thread page showed several others writing, a reply is refused, not sent to one", async () => {
    const { provider, sender, sends } = setup(inGroup);
    await provider.listConversations({ category: "INBOX", limit: 10 }, signal);
    await provider.listMessages({ conversationId: CONVERSATION, limit: 30 }, signal);
    await provider.listConversations({ category: "INBOX", limit: 10 }, signal);
    const error = await failureOf(sender.send({ conversationId: CONVERSATION, text: "hi" }, signal));
    expect(error.code).toBe("bad_request");
    expect(error.message).toMatch(/several people/);
    expect(mayHaveArrived(error)).toBe(false);
    expect(sends()).toHaveLength(0);
  });

  it("the group is known to every copy of the adapter given the same memory (a page read the thread, a route sends)", async () => {
    const senderChecks = new Map<string, { several: boolean; at: number }>();
    const page = setup(inGroup, { senderChecks });
    await page.provider.listMessages({ conversationId: CONVERSATION, limit: 30 }, signal);
    const route = setup(inGroup, { senderChecks });
    await route.provider.listConversations({ category: "INBOX", limit: 10 }, signal);
    const error = await failureOf(route.sender.send({ conversationId: CONVERSATION, text: "hi" }, signal));
    expect(error.message).toMatch(/several people/);
    expect(route.sends()).toHaveLength(0);
  });

  it("refuses, without sending, where nobody can be told apart: no own profile, only the rep's messages, several people", async () => {
    const cases: Array<{ senders: string[]; self?: string; words: RegExp }> = [
      { senders: [JANE, "https://www.linkedin.com/in/bo"], words: /several people/ },
      // Without the rep's own profile, one of two senders may be the rep: a third tells a group.
      { senders: [JANE, SELF, "https://www.linkedin.com/in/bo"], self: "", words: /several people/ },
      { senders: [SELF, SELF], words: /none of its newest messages/ },
      { senders: [JANE, SELF], self: "", words: /own LinkedIn profile URL/ },
    ];
    for (const { senders, self, words } of cases) {
      const { sender, sends } = setup((call) => (call.body.action === "get_conversation" ? threadAnswer(senders) : sentAnswer()), {
        selfProfileUrl: self ?? SELF,
      });
      const error = await failureOf(sender.send({ conversationId: CONVERSATION, text: "hi" }, signal));
      expect(error.code).toBe("bad_request");
      expect(error.message).toMatch(words);
      expect(mayHaveArrived(error)).toBe(false);
      expect(sends()).toHaveLength(0);
    }
  });

  it("a failed lookup is a definite failure: nothing was sent", async () => {
    const { sender, sends, calls } = setup((call) => (call.body.action === "get_conversation" ? linkupError(500, "INTERNAL_ERROR") : sentAnswer()), { retry: NO_RETRY });
    const error = await failureOf(sender.send({ conversationId: CONVERSATION, text: "hi" }, signal));
    expect(error.code).toBe("upstream_error");
    expect(error.message).toMatch(/was not sent/);
    expect(mayHaveArrived(error)).toBe(false);
    expect(calls).toHaveLength(1);
    expect(sends()).toHaveLength(0);
  });
});

describe("Linkup v2 send: documented errors, in our words, and never a second attempt", () => {
  it.each([
    [402, "INSUFFICIENT_CREDITS", "credits_exhausted"],
    [429, "RATE_LIMITED", "rate_limited"],
    [403, "INVALID_API_KEY", "upstream_auth"],
    [403, "ACCOUNT_INACTIVE", "upstream_auth"],
    [404, "INVALID_ACCOUNT", "upstream_auth"],
    [400, "INVALID_PARAMS", "upstream_error"],
  ] as const)("HTTP %i %s → %s, definite, called once", async (status, code, ours) => {
    const { sender, calls } = setup(() => linkupError(status, code));
    const error = await failureOf(sender.send({ conversationId: JANE, text: "hi" }, signal));
    expect(error.code).toBe(ours);
    expect(error.message).not.toContain("upstream words");
    expect(mayHaveArrived(error)).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it("a 500 is sent once (the read policy would retry it) and may have arrived", async () => {
    const { sender, calls } = setup(() => linkupError(500, "INTERNAL_ERROR"));
    const error = await failureOf(sender.send({ conversationId: JANE, text: "hi" }, signal));
    expect(error.code).toBe("upstream_error");
    expect(mayHaveArrived(error)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("a timeout is sent once and may have arrived", async () => {
    const hang = (_call: Call, aborted: AbortSignal) => new Promise<Response>((_, reject) => aborted.addEventListener("abort", () => reject(aborted.reason as Error)));
    const { sender, calls } = setup(hang, { timeoutMs: 20 });
    const error = await failureOf(sender.send({ conversationId: JANE, text: "hi" }, signal));
    expect(error.code).toBe("upstream_timeout");
    expect(mayHaveArrived(error)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("a 200 whose body says success:false is its error", async () => {
    const { sender } = setup(() => linkupError(200, "INSUFFICIENT_CREDITS"));
    expect((await failureOf(sender.send({ conversationId: JANE, text: "hi" }, signal))).code).toBe("credits_exhausted");
  });
});

describe("Linkup v2 send over the simulator (the fake upstream's /v2)", () => {
  const NOW = Date.UTC(2026, 3, 26, 10, 0, 0);

  function world() {
    const fixture = createFixtureMailbox(NOW);
    const clock = { now: NOW + 60_000 };
    const actions: string[] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      actions.push(((await request.clone().json()) as Body).action);
      return handleLinkupV2Request(request, { mailbox: fixture.mailbox, apiKey: API_KEY, accountId: "acc_fake", now: () => clock.now });
    };
    const provider = createLinkupV2Provider({ baseUrl: BASE, fetch: fetchFn, timeoutMs: 5_000, apiKey: API_KEY, accountId: "acc_fake", selfProfileUrl: FIXTURE_SELF.profileUrl, retry: NO_RETRY });
    return { fixture, clock, actions, provider, sender: senderOf(provider) };
  }

  it("the thread's newest page and since show the sent message exactly once, with the answer's id, from the rep", async () => {
    const { fixture, clock, actions, provider, sender } = world();
    const conversationId = fixture.conversationIds()[3] ?? "";
    await provider.listConversations({ category: "INBOX", limit: 10 }, signal);
    clock.now += 5_000;
    const sent = sentMessageOf(await sender.send({ conversationId, text: "Happy to help — Tuesday works." }, signal));
    expect(actions).toEqual(["list_inbox", "get_conversation", "send"]);

    await expectShownOnce(provider, conversationId, sent, signal);
    const inbox = await provider.listConversations({ category: "INBOX", limit: 1 }, signal);
    expect(inbox.items[0]).toMatchObject({ id: conversationId, lastMessage: { text: "Happy to help — Tuesday works.", fromMe: true } });
  });

  it("without a page read before, it looks the recipient up in the thread, then sends", async () => {
    const { fixture, actions, sender } = world();
    const conversationId = fixture.conversationIds()[8] ?? "";
    const receipt = await sender.send({ conversationId, text: "hello" }, signal);
    expect(receipt.kind).toBe("sent");
    expect(actions).toEqual(["get_conversation", "send"]);
    expect(fixture.mailbox.thread(conversationId)?.messages.at(-1)).toMatchObject({ text: "hello", sender_info: { profile_url: FIXTURE_SELF.profileUrl } });
  });

  it("a profile with no conversation is refused, in our words", async () => {
    const { sender } = world();
    const error = await failureOf(sender.send({ conversationId: "https://www.linkedin.com/in/nobody-here", text: "hi" }, signal));
    expect(error).toMatchObject({ code: "upstream_error", message: expect.stringMatching(/refused to send/) });
  });
});

describe("the demo account replies too", () => {
  it("a sent message appears in the demo thread, newest and from the rep, with the answer's id", async () => {
    const demo = createLinkupV2Provider({
      baseUrl: "https://demo.threadline.invalid/v2",
      fetch: createDemoLinkupFetch(),
      timeoutMs: 5_000,
      apiKey: DEMO_ACCOUNT.apiKey,
      accountId: DEMO_ACCOUNT.accountId,
      selfProfileUrl: DEMO_ACCOUNT.selfProfileUrl,
    });
    const inbox = await demo.listConversations({ category: "INBOX", limit: 5 }, signal);
    const conversation = inbox.items.find((item) => !item.participant.isOrganization) ?? inbox.items[0];
    if (!conversation) throw new Error("the demo inbox is empty");
    const sent = sentMessageOf(await senderOf(demo).send({ conversationId: conversation.id, text: "Sent from the demo" }, signal));

    await expectShownOnce(demo, conversation.id, sent, signal);
    const again = await demo.listConversations({ category: "INBOX", limit: 1 }, signal);
    expect(again.items[0]).toMatchObject({ id: conversation.id, lastMessage: { text: "Sent from the demo", fromMe: true } });
  });
});
