import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { NO_RETRY, READ_RETRY_POLICY } from "@/lib/server/http/retry-policy";
import { capabilitiesOf } from "@/lib/server/providers/capabilities";
import { createLinkedApiProvider, type LinkedApiConfig } from "@/lib/server/providers/linkedapi/adapter";
import { mayHaveArrived } from "@/lib/server/providers/send-errors";
import { ApiError } from "@/lib/server/errors";
import { maySendAgain, statusRecheckAfter } from "@/lib/server/sends/send-message";
import { linkedApiFakeWorld } from "@/tests/unit/support/linkedapi-fake";
import { inMemoryPeopleStore, newPerson } from "@/tests/unit/support/people-store";
import { failureOf, senderOf } from "@/tests/unit/support/send";

/**
 * Linked API sends through its current workflow API (providers.md §4d): `POST /workflows` with
 * `st.sendMessage` (`nv.sendMessage` + subject for Sales Navigator), started once and answered
 * `started`; `GET /workflows/{id}` mapped to running / sent / failed. Then against the fake: started,
 * running, sent, and the message in the thread.
 */
type Call = { url: string; method: string; headers: Headers; body: unknown };

const BASE = "https://api.linkedapi.test";
const TOKEN = "secret-linked-api-token";
const IDENTIFICATION = "secret-identification";
const NOW = Date.UTC(2026, 2, 24, 12, 0, 0);
const JANE = "https://www.linkedin.com/in/jane-doe";
const LEAD = "https://www.linkedin.com/sales/lead/ACwAAA123";
const signal = new AbortController().signal;

const store = inMemoryPeopleStore();

function setup(answer: (call: Call) => Response, overrides: Partial<LinkedApiConfig> = {}) {
  const calls: Call[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), method: init?.method ?? "GET", headers: new Headers(init?.headers), body: init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined });
    return answer(calls.at(-1)!);
  };
  const accountId = `send-${randomUUID()}`;
  const provider = createLinkedApiProvider({ baseUrl: BASE, fetch: fetchFn, timeoutMs: 1_000, token: TOKEN, identificationToken: IDENTIFICATION, accountId, store, now: () => NOW, ...overrides });
  async function person(profileUrl: string, channel: "standard" | "salesNavigator" = "standard", state: "ready" | "syncing" = "ready") {
    const { person: added } = await store.add(accountId, newPerson(profileUrl, channel, "Jane Doe"), NOW);
    if (state === "ready") await store.markReady(accountId, added.id, NOW);
    return added.id;
  }
  return { provider, sender: senderOf(provider), calls, person };
}

const started = () => Response.json({ success: true, result: { workflowId: "wf-64835e7c" } });
const status = (result: Record<string, unknown>) => Response.json({ success: true, result: { workflowId: "wf-64835e7c", ...result } });

describe("Linked API send: starting the workflow", () => {
  it("posts st.sendMessage with the person's URL and the text once, both tokens in headers only, and answers started", async () => {
    const { sender, calls, person } = setup(() => started());
    const receipt = await sender.send({ conversationId: await person(JANE), text: "Hello Jane" }, signal);
    expect(receipt).toEqual({ kind: "started", ref: "wf-64835e7c" });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ url: `${BASE}/workflows`, method: "POST", body: { actionType: "st.sendMessage", personUrl: JANE, text: "Hello Jane" } });
    expect(calls[0]?.headers.get("linked-api-token")).toBe(TOKEN);
    expect(calls[0]?.headers.get("account-api-token")).toBe(TOKEN);
    expect(calls[0]?.headers.get("identification-token")).toBe(IDENTIFICATION);
    expect(JSON.stringify(calls[0]?.body)).not.toContain(TOKEN);
    expect(calls[0]?.url).not.toContain(TOKEN);
  });

  it("a Sales Navigator person gets nv.sendMessage with the subject; without one it is refused before any call", async () => {
    const { sender, calls, person } = setup(() => started());
    const lead = await person(LEAD, "salesNavigator");
    await sender.send({ conversationId: lead, text: "Hi", subject: "Our call" }, signal);
    expect(calls[0]?.body).toEqual({ actionType: "nv.sendMessage", personUrl: LEAD, text: "Hi", subject: "Our call" });
    const error = await failureOf(sender.send({ conversationId: lead, text: "Hi" }, signal));
    expect(error).toMatchObject({ code: "bad_request", message: expect.stringMatching(/subject/) });
    expect(calls).toHaveLength(1);
  });

  it("the person must be there and ready, as for reads: nobody is called otherwise", async () => {
    const { sender, calls, person } = setup(() => started());
    expect((await failureOf(sender.send({ conversationId: "nobody", text: "Hi" }, signal))).code).toBe("not_found");
    expect((await failureOf(sender.send({ conversationId: await person(JANE, "standard", "syncing"), text: "Hi" }, signal))).code).toBe("not_synchronized");
    expect(calls).toHaveLength(0);
  });

  it("says what it can send: 1,900 characters, a subject for InMail; Sales Navigator conversations are InMail", async () => {
    const { provider, person } = setup(() => Response.json({ status: "complete", completion: { standard: [], salesNavigator: [{ person: LEAD, result: { success: true, data: { messages: [] } } }] } }));
    expect(capabilitiesOf(provider).send).toEqual({ maxLength: 1_900, subjectForInMail: true });
    await person(LEAD, "salesNavigator");
    const inbox = await provider.listConversations({ category: "INBOX", limit: 10 }, signal);
    expect(inbox.items.map((conversation) => conversation.type)).toEqual(["inmail"]);
  });

  it.each([
    [401, { success: false, error: { type: "invalidLinkedApiToken", message: "x" } }, "upstream_auth", false],
    [401, { success: false, error: { type: "linkedinAccountSignedOut", message: "x" } }, "upstream_auth", false],
    [403, { success: false, error: { type: "subscriptionRequired", message: "x" } }, "upstream_auth", false],
    [429, { success: false, error: { type: "tooManyRequests", message: "x" } }, "rate_limited", false],
    [400, { success: false, error: { type: "invalidRequestPayload", message: "x" } }, "upstream_error", false],
    [500, { success: false, error: { type: "internalError", message: "x" } }, "upstream_error", true],
  ] as const)("a start answered %i %j → %s, never started again", async (httpStatus, body, code, maybeArrived) => {
    const { sender, calls, person } = setup(() => Response.json(body, { status: httpStatus }), { retry: READ_RETRY_POLICY });
    const error = await failureOf(sender.send({ conversationId: await person(JANE), text: "Hi" }, signal));
    expect(error.code).toBe(code);
    expect(mayHaveArrived(error)).toBe(maybeArrived);
    expect(calls).toHaveLength(1);
  });

  it("an unreadable answer to the start may have started it, and it is not started again", async () => {
    const { sender, calls, person } = setup(() => new Response("{\"success\": tr", { status: 200 }), { retry: READ_RETRY_POLICY });
    const error = await failureOf(sender.send({ conversationId: await person(JANE), text: "Hi" }, signal));
    expect(mayHaveArrived(error)).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("a start whose answer was lost is not sent again on a retry while a queued workflow could still send it", () => {
    const { sender } = setup(() => started());
    const unconfirmed = { updatedAt: NOW };
    expect(maySendAgain(sender, unconfirmed, NOW + 61_000)).toBe(false);
    expect(maySendAgain(sender, unconfirmed, NOW + 9 * 60_000)).toBe(false);
    expect(maySendAgain(sender, unconfirmed, NOW + 10 * 60_000)).toBe(true);
    // A provider that sends at once (Linkup, ConnectSafely): after a minute.
    expect(maySendAgain({}, unconfirmed, NOW + 59_000)).toBe(false);
    expect(maySendAgain({}, unconfirmed, NOW + 61_000)).toBe(true);
  });
});

describe("a pending send whose status cannot be read", () => {
  const pending = { updatedAt: NOW };
  it("is asked about again after the provider's wait, or 10 s, while the failure may pass", () => {
    expect(statusRecheckAfter(new ApiError("upstream_error", "x", { retryable: true }), pending, NOW + 5_000)).toBe(10);
    expect(statusRecheckAfter(new ApiError("rate_limited", "x", { retryAfter: 30 }), pending, NOW + 5_000)).toBe(30);
    expect(statusRecheckAfter(new ApiError("upstream_timeout", "x"), pending, NOW + 5_000)).toBe(10);
    // A wait of nothing (Retry-After: 0, a date past) is still a wait: the answer names a positive one.
    expect(statusRecheckAfter(new ApiError("rate_limited", "x", { retryAfter: 0 }), pending, NOW + 5_000)).toBe(1);
  });

  it("is left to the thread (no more checks, nothing held back) after two minutes pending, or at once when the failure will not pass", () => {
    expect(statusRecheckAfter(new ApiError("upstream_error", "x", { retryable: true }), pending, NOW + 119_999)).toBe(10);
    expect(statusRecheckAfter(new ApiError("upstream_error", "x", { retryable: true }), pending, NOW + 120_000)).toBeNull();
    expect(statusRecheckAfter(new ApiError("upstream_auth", "x"), pending, NOW + 5_000)).toBeNull();
    expect(statusRecheckAfter(new Error("bug"), pending, NOW + 5_000)).toBeNull();
  });
});

describe("Linked API send: the workflow's status", () => {
  it("asks GET /workflows/{id} with the tokens and maps pending and running to running", async () => {
    for (const workflowStatus of ["pending", "running"]) {
      const { sender, calls } = setup(() => status({ workflowStatus }));
      expect(await sender.status?.("wf-64835e7c", signal)).toEqual({ kind: "running" });
      expect(calls[0]).toMatchObject({ url: `${BASE}/workflows/wf-64835e7c`, method: "GET" });
      expect(calls[0]?.headers.get("identification-token")).toBe(IDENTIFICATION);
    }
  });

  it("completed with success is sent, without a message (Linked API names none)", async () => {
    for (const completion of [{ actionType: "st.sendMessage", success: true }, [{ actionType: "st.sendMessage", success: true }]]) {
      const { sender } = setup(() => status({ workflowStatus: "completed", completion }));
      expect(await sender.status?.("wf-64835e7c", signal)).toEqual({ kind: "sent", message: null });
    }
  });

  it.each([
    ["completed", { completion: { actionType: "st.sendMessage", success: false, error: { type: "personNotFound", message: "x" } } }, "not_found", /no person/],
    ["completed", { completion: { actionType: "st.sendMessage", success: false, error: { type: "selfProfileNotAllowed", message: "x" } } }, "upstream_error", /own profile/],
    ["completed", { completion: { actionType: "st.sendMessage", success: false, error: { type: "messagingNotAllowed", message: "x" } } }, "upstream_error", /does not let this account message/],
    ["failed", { failure: { reason: "linkedinAccountSignedOut", message: "x" } }, "upstream_auth", /signed out/],
    ["failed", { failure: { reason: "somethingNew", message: "x" } }, "upstream_error", /could not send/],
  ] as const)("%s %j fails with %s, in our words", async (workflowStatus, rest, code, words) => {
    const { sender } = setup(() => status({ workflowStatus, ...rest }));
    const progress = await sender.status?.("wf-64835e7c", signal);
    if (progress?.kind !== "failed") throw new Error(`expected failed, got ${JSON.stringify(progress)}`);
    expect(progress.error.code).toBe(code);
    expect(progress.error.message).toMatch(words);
    expect(progress.error.message).not.toContain("x.");
  });

  it("an unknown workflow status or a completion without an outcome is upstream_invalid", async () => {
    for (const result of [{ workflowStatus: "exploded" }, { workflowStatus: "completed" }]) {
      const { sender } = setup(() => status(result), { retry: NO_RETRY });
      expect((await failureOf(sender.status?.("wf-64835e7c", signal) ?? Promise.resolve())).code).toBe("upstream_invalid");
    }
  });
});

describe("Linked API send over the fake", () => {
  const SEND_MS = 15_000;
  const NEWEST = Date.UTC(2026, 2, 24, 12, 0, 0, 400);

  function world() {
    const { clock, fixture, fake, fetchFn, requests } = linkedApiFakeWorld({ newest: NEWEST, token: TOKEN, identificationToken: IDENTIFICATION, syncDelayMs: 0, sendDelayMs: SEND_MS });
    const accountId = `send-wire-${randomUUID()}`;
    const provider = createLinkedApiProvider({ baseUrl: "http://fake.test/linkedapi", fetch: fetchFn, timeoutMs: 5_000, retry: NO_RETRY, token: TOKEN, identificationToken: IDENTIFICATION, accountId, store, now: () => clock.now, resultPollDelaysMs: [0] });
    async function ready(profileUrl: string, channel: "standard" | "salesNavigator" = "standard") {
      const { person } = await store.add(accountId, newPerson(profileUrl, channel, "Someone"), clock.now);
      await store.markReady(accountId, person.id, clock.now);
      await fake.handle(new Request("http://fake.test/linkedapi/account/conversations.synchronize", { method: "POST", headers: { "linked-api-token": TOKEN, "identification-token": IDENTIFICATION }, body: JSON.stringify({ [channel]: [{ person: profileUrl }] }) }));
      return person.id;
    }
    return { clock, fixture, provider, sender: senderOf(provider), requests, ready };
  }

  it("started → running → sent, and the message appears in the thread through since, from the rep, once", async () => {
    const { clock, provider, sender, requests, ready } = world();
    const noah = await ready("https://www.linkedin.com/in/noah-okafor-1");
    const receipt = await sender.send({ conversationId: noah, text: "Thursday at 10?" }, signal);
    if (receipt.kind !== "started") throw new Error(`expected started, got ${receipt.kind}`);
    expect(requests).toEqual(["POST /linkedapi/workflows"]);
    const startedAt = clock.now;

    clock.now += SEND_MS - 1;
    expect(await sender.status?.(receipt.ref, signal)).toEqual({ kind: "running" });
    expect((await provider.messagesSince({ conversationId: noah, since: startedAt }, signal)).items).toEqual([]);

    clock.now += 1;
    expect(await sender.status?.(receipt.ref, signal)).toEqual({ kind: "sent", message: null });
    expect(await sender.status?.(receipt.ref, signal)).toEqual({ kind: "sent", message: null });
    const since = await provider.messagesSince({ conversationId: noah, since: startedAt }, signal);
    expect(since.items.map((message) => [message.text, message.fromMe])).toEqual([["Thursday at 10?", true]]);
    const newest = await provider.listMessages({ conversationId: noah, limit: 5 }, signal);
    expect(newest.items[0]).toMatchObject({ id: since.items[0]?.id, text: "Thursday at 10?", fromMe: true });
    expect(newest.items.filter((message) => message.text === "Thursday at 10?")).toHaveLength(1);
    expect(requests.filter((request) => request === "POST /linkedapi/workflows")).toHaveLength(1);
  });

  it("a Sales Navigator reply carries its subject; a person LinkedIn does not have fails the workflow as not_found", async () => {
    const { clock, sender, ready } = world();
    const lead = await ready("https://www.linkedin.com/sales/lead/zoe-haddad-4", "salesNavigator");
    const toLead = await sender.send({ conversationId: lead, text: "Hi Zoe", subject: "Next steps" }, signal);
    const ghost = await ready("https://www.linkedin.com/in/nobody-at-all");
    const toGhost = await sender.send({ conversationId: ghost, text: "Hello?" }, signal);
    clock.now += SEND_MS;
    if (toLead.kind !== "started" || toGhost.kind !== "started") throw new Error("expected started workflows");
    expect(await sender.status?.(toLead.ref, signal)).toEqual({ kind: "sent", message: null });
    expect(await sender.status?.(toGhost.ref, signal)).toMatchObject({ kind: "failed", error: { code: "not_found" } });
  });
});
