import { describe, expect, it } from "vitest";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import { createLinkupV1Provider, type LinkupV1Config } from "@/lib/server/providers/linkup-v1/adapter";
import { mayHaveArrived } from "@/lib/server/providers/send-errors";
import { createFixtureMailbox, FIXTURE_SELF } from "@/tests/fake-upstream/fixture-mailbox";
import { handleLinkupV1Request } from "@/tests/fake-upstream/linkup-v1";
import { expectShownOnce, failureOf, senderOf, sentMessageOf } from "@/tests/unit/support/send";

/**
 * Linkup v1's `POST /v1/messages/send-message` (providers.md §2): the documented body (login_token
 * and country beside the text, the key in x-api-key), the answer as the message the thread will show,
 * v1's error bodies (even on HTTP 200), never a second attempt; then the adapter against the v1 fake.
 */
type Call = { url: string; headers: Headers; body: Record<string, unknown> };

const BASE = "https://linkup.test/v1";
const API_KEY = "secret-v1-key";
const LOGIN_TOKEN = "AQEDAR-li_at-send-secret";
const SELF = "https://www.linkedin.com/in/rep-self";
const JANE = "https://www.linkedin.com/in/jane-doe-42";
const CONVERSATION = "urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA1,2-MDZi)";
const signal = new AbortController().signal;

const sentAnswer = () =>
  Response.json({ status: "success", message: "Message sent successfully", data: { entityUrn: "urn:li:msg_message:(x,2-abc)", conversation_id: "2-abc", deliveredAt: 1_753_696_188_256 } });
const v1Error = (status: number, message: string) => Response.json({ status: "error", message }, { status });

function setup(answer: (call: Call) => Response, overrides: Partial<LinkupV1Config> = {}) {
  const calls: Call[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const call: Call = { url: String(input), headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) as Record<string, unknown> };
    calls.push(call);
    return answer(call);
  };
  const provider = createLinkupV1Provider({ baseUrl: `${BASE}/`, fetch: fetchFn, timeoutMs: 1_000, apiKey: API_KEY, loginToken: LOGIN_TOKEN, country: "US", selfProfileUrl: SELF, ...overrides });
  return { provider, sender: senderOf(provider), calls };
}



describe("Linkup v1 send: the documented request and answer", () => {
  it("posts linkedin_url, message_text, country and login_token; the key only in x-api-key", async () => {
    const { sender, calls } = setup(() => sentAnswer());
    const receipt = await sender.send({ conversationId: JANE, text: "See you Tuesday" }, signal);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`${BASE}/messages/send-message`);
    expect(calls[0]?.headers.get("x-api-key")).toBe(API_KEY);
    expect(calls[0]?.body).toEqual({ linkedin_url: JANE, message_text: "See you Tuesday", country: "US", login_token: LOGIN_TOKEN });
    expect(calls[0]?.url).not.toContain(LOGIN_TOKEN);
    expect(JSON.stringify(calls[0]?.body)).not.toContain(API_KEY);
    expect(receipt).toEqual({
      kind: "sent",
      message: expect.objectContaining({ id: "urn:li:msg_message:(x,2-abc)@1753696188256", sentAt: 1_753_696_188_256, text: "See you Tuesday", fromMe: true }),
    });
  });

  it("finds the recipient as v2 does: the inbox's participant once the newest messages show no group, else the thread's other sender (by conversation_id)", async () => {
    const answers = (call: Call) => {
      if (call.url.endsWith("/inbox")) {
        return Response.json({ status: "success", data: { conversations: [{ conversation_id: CONVERSATION, participant: { name: "Jane", profile_url: JANE }, last_message: { text: "Hi", time: 1 } }] } });
      }
      if (call.url.endsWith("/conversation")) {
        return Response.json({ status: "success", data: { messages: [{ entity_urn: "m1", timestamp: 2, sender_info: { profile_url: SELF } }, { entity_urn: "m0", timestamp: 1, sender_info: { profile_url: `${JANE}/` } }] } });
      }
      return sentAnswer();
    };
    const remembered = setup(answers);
    await remembered.provider.listConversations({ category: "INBOX", limit: 10 }, signal);
    await remembered.sender.send({ conversationId: CONVERSATION, text: "hi" }, signal);
    expect(remembered.calls.map((call) => call.url.split("/").pop())).toEqual(["inbox", "conversation", "send-message"]);
    expect(remembered.calls[2]?.body.linkedin_url).toBe(JANE);

    const looked = setup(answers);
    await looked.sender.send({ conversationId: CONVERSATION, text: "hi" }, signal);
    expect(looked.calls.map((call) => call.url.split("/").pop())).toEqual(["conversation", "send-message"]);
    expect(looked.calls[0]?.body).toMatchObject({ conversation_id: CONVERSATION, total_results: 10 });
    expect(looked.calls[1]?.body.linkedin_url).toBe(`${JANE}/`);
  });
});

describe("Linkup v1 send: errors in our words, never a second attempt", () => {
  it.each([
    [402, "Insufficient credits", "credits_exhausted", false],
    [200, "Not enough credits on your account", "credits_exhausted", false],
    [429, "Rate limiting from LinkedIn", "rate_limited", false],
    [401, "Invalid or expired login_token", "upstream_auth", false],
    [403, "Invalid API key", "upstream_auth", false],
    [404, "Profile not found", "not_found", false],
    [400, "You are not allowed to message this member", "upstream_error", false],
    [400, "Something else went wrong", "upstream_error", false],
    [500, "Internal server error", "upstream_error", true],
  ] as const)("HTTP %i %j → %s, called once", async (status, words, code, maybeArrived) => {
    const { sender, calls } = setup(() => v1Error(status, words));
    const error = await failureOf(sender.send({ conversationId: JANE, text: "hi" }, signal));
    expect(error.code).toBe(code);
    expect(error.message).not.toContain(words);
    expect(mayHaveArrived(error)).toBe(maybeArrived);
    expect(calls).toHaveLength(1);
  });

  it("an unreadable 200 may have arrived and is not sent again", async () => {
    const { sender, calls } = setup(() => new Response("<html>", { status: 200 }));
    const error = await failureOf(sender.send({ conversationId: JANE, text: "hi" }, signal));
    expect(error.code).toBe("upstream_invalid");
    expect(mayHaveArrived(error)).toBe(true);
    expect(calls).toHaveLength(1);
  });
});

describe("Linkup v1 send over the v1 fake", () => {
  const NOW = Date.UTC(2026, 3, 26, 10, 0, 0);

  function world() {
    const fixture = createFixtureMailbox(NOW);
    const clock = { now: NOW + 60_000 };
    const paths: string[] = [];
    const fetchFn: typeof fetch = async (input, init) => {
      paths.push(new URL(String(input)).pathname);
      return handleLinkupV1Request(new Request(input, init), { mailbox: fixture.mailbox, apiKey: API_KEY, loginToken: LOGIN_TOKEN, now: () => clock.now });
    };
    const provider = createLinkupV1Provider({ baseUrl: BASE, fetch: fetchFn, timeoutMs: 5_000, apiKey: API_KEY, loginToken: LOGIN_TOKEN, selfProfileUrl: FIXTURE_SELF.profileUrl, retry: NO_RETRY });
    return { fixture, clock, paths, provider, sender: senderOf(provider) };
  }

  it("the thread's newest page and since show the sent message exactly once, with the answer's id, from the rep", async () => {
    const { fixture, clock, paths, provider, sender } = world();
    const conversationId = fixture.conversationIds()[4] ?? "";
    await provider.listConversations({ category: "INBOX", limit: 10 }, signal);
    clock.now += 1_000;
    const sent = sentMessageOf(await sender.send({ conversationId, text: "Sounds good" }, signal));
    expect(paths).toEqual(["/v1/messages/inbox", "/v1/messages/conversation", "/v1/messages/send-message"]);
    await expectShownOnce(provider, conversationId, sent, signal);
  });

  it("a wrong login_token is the expired-session error, and nothing is sent", async () => {
    const { fixture } = world();
    const conversationId = fixture.conversationIds()[4] ?? "";
    const before = fixture.mailbox.thread(conversationId)?.messages.length;
    const stale = createLinkupV1Provider({
      baseUrl: BASE,
      fetch: async (input, init) => handleLinkupV1Request(new Request(input, init), { mailbox: fixture.mailbox, apiKey: API_KEY, loginToken: LOGIN_TOKEN }),
      timeoutMs: 5_000,
      apiKey: API_KEY,
      loginToken: "expired-token",
      retry: NO_RETRY,
    });
    const error = await failureOf(senderOf(stale).send({ conversationId: "https://www.linkedin.com/in/zoe-haddad-4", text: "hi" }, signal));
    expect(error.code).toBe("upstream_auth");
    expect(fixture.mailbox.thread(conversationId)?.messages.length).toBe(before);
  });
});
