import { expect, test, type APIRequestContext } from "@playwright/test";
import { accountsResponseSchema, conversationsPageSchema, messagesPageSchema, CATEGORIES, type Message } from "@/lib/contracts/api";
import { errorEnvelopeSchema } from "@/lib/contracts/errors";
import { createFixtureMailbox, LONG_THREAD_LENGTH } from "../../fake-upstream/fixture-mailbox";
import { fakeUpstream } from "../support/fake-upstream";

const ACCOUNT = "linkup";
const enc = encodeURIComponent;

async function allConversationIds(request: APIRequestContext, category: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const query = new URLSearchParams({ category, limit: "20", ...(cursor ? { cursor } : {}) });
    const response = await request.get(`/api/accounts/${ACCOUNT}/conversations?${query}`);
    expect(response.status()).toBe(200);
    const body = conversationsPageSchema.parse(await response.json());
    ids.push(...body.conversations.map((c) => c.id));
    cursor = body.nextCursor;
    if (cursor === null) return ids;
  }
  throw new Error("inbox pagination did not end");
}

async function wholeThread(request: APIRequestContext, conversationId: string, limit: number): Promise<Message[]> {
  const messages: Message[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 500; page++) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const response = await request.get(`/api/accounts/${ACCOUNT}/conversations/${enc(conversationId)}/messages?${query}`);
    expect(response.status()).toBe(200);
    const body = messagesPageSchema.parse(await response.json());
    messages.push(...body.messages);
    cursor = body.nextCursor;
    if (cursor === null) return messages;
  }
  throw new Error("thread pagination did not end");
}

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("lists the configured accounts, Linkup v2 first, with their capabilities", async ({ request }) => {
  const response = await request.get("/api/accounts");
  expect(response.status()).toBe(200);
  const body = accountsResponseSchema.parse(await response.json());
  expect(body.accounts[0]).toEqual(
    expect.objectContaining({ id: ACCOUNT, provider: "linkup-v2", isDemo: false, capabilities: expect.objectContaining({ since: "emulated" }) }),
  );
  expect(body.accounts.map((a) => a.provider)).toEqual(["linkup-v2", "linkup-v1", "connectsafely", "linkedapi"]);
});

test("every category returns every conversation exactly once, in order, to the end", async ({ request }) => {
  const fixture = createFixtureMailbox(Date.now());
  for (const category of CATEGORIES) {
    const ids = await allConversationIds(request, category);
    const expected = fixture.mailbox.conversations(category).map((c) => c.conversation_id);
    expect(expected.length, category).toBeGreaterThan(0);
    expect(ids, category).toEqual(expected);
  }
});

test("a 1,500-message thread comes back exactly once, newest first, following cursors to the end", async ({ request }) => {
  const [longThread] = await fakeUpstream(request).conversationIds();
  const messages = await wholeThread(request, longThread!, 100);
  expect(messages).toHaveLength(LONG_THREAD_LENGTH);
  expect(new Set(messages.map((m) => m.id)).size).toBe(LONG_THREAD_LENGTH);
  for (let i = 1; i < messages.length; i++) expect(messages[i - 1]!.sentAt).toBeGreaterThan(messages[i]!.sentAt);
  expect(messages.at(-1)?.type).toBe("invitation");
  expect(messages.filter((m) => m.fromMe === true).length).toBe(LONG_THREAD_LENGTH / 2);
  expect(messages.every((m) => m.fromMe !== null)).toBe(true);
});

test("since returns exactly the messages sent at or after it, boundary included", async ({ request }) => {
  const upstream = fakeUpstream(request);
  const ids = await upstream.conversationIds();
  const conversationId = ids[3]!;
  const before = await wholeThread(request, conversationId, 30);
  const newestBefore = before[0]!;

  const added = [];
  for (const text of ["first new", "second new", "third new"]) added.push(await upstream.addMessage(conversationId, text));

  const response = await request.get(`/api/accounts/${ACCOUNT}/conversations/${enc(conversationId)}/messages?since=${newestBefore.sentAt}`);
  const body = messagesPageSchema.parse(await response.json());
  expect(body.nextCursor).toBeNull();
  expect(body.messages.map((m) => m.text)).toEqual(["third new", "second new", "first new", newestBefore.text]);
  expect(body.messages.map((m) => m.id)).toContain(newestBefore.id);

  const onlyNew = await request.get(`/api/accounts/${ACCOUNT}/conversations/${enc(conversationId)}/messages?since=${added[1]!.timestamp}`);
  expect(messagesPageSchema.parse(await onlyNew.json()).messages.map((m) => m.text)).toEqual(["third new", "second new"]);
});

test("malformed input gets a 4xx in our envelope and never reaches the provider", async ({ request }) => {
  const upstream = fakeUpstream(request);
  const [conversationId] = await upstream.conversationIds();
  const thread = `/api/accounts/${ACCOUNT}/conversations/${enc(conversationId!)}/messages`;
  const bad: Array<[string, number]> = [
    [`/api/accounts/${ACCOUNT}/conversations?category=SPAM`, 400],
    [`/api/accounts/${ACCOUNT}/conversations?category=inbox`, 400],
    [`/api/accounts/${ACCOUNT}/conversations?limit=0`, 400],
    [`/api/accounts/${ACCOUNT}/conversations?limit=51`, 400],
    [`/api/accounts/${ACCOUNT}/conversations?limit=abc`, 400],
    [`/api/accounts/${ACCOUNT}/conversations?limit=1e3`, 400],
    [`/api/accounts/${ACCOUNT}/conversations?limit=`, 400],
    [`/api/accounts/${ACCOUNT}/conversations?limit=1&limit=2`, 400],
    [`/api/accounts/${ACCOUNT}/conversations?cursor=`, 400],
    [`/api/accounts/${ACCOUNT}/conversations?cursor=${"x".repeat(5000)}`, 400],
    [`/api/accounts/${ACCOUNT}/conversations?cursor=garbage`, 400],
    [`/api/accounts/${ACCOUNT}/conversations?unknown=1`, 400],
    // Keywords: only where the provider searches (Linkup does not), never blank or huge.
    [`/api/accounts/${ACCOUNT}/conversations?q=acme`, 400],
    [`/api/accounts/connectsafely/conversations?q=${enc("   ")}`, 400],
    [`/api/accounts/connectsafely/conversations?q=${"x".repeat(201)}`, 400],
    [`/api/accounts/connectsafely/conversations?q=a%09b`, 400],
    [`/api/accounts/nobody/conversations`, 404],
    // Any account but the rep's own is a 404 before anything else is read, whatever its form.
    [`/api/accounts/${enc(" ")}/conversations`, 404],
    [`/api/accounts/${"a".repeat(2000)}/conversations`, 404],
    [`${thread}?since=-1`, 400],
    [`${thread}?since=yesterday`, 400],
    [`${thread}?since=1&cursor=abc`, 400],
    [`${thread}?limit=101`, 400],
    [`${thread}?cursor=%E2%82%AC%F0%9F%98%80`, 400],
    [`${thread}?cursor=eyJ1IjoxfQ`, 400],
    [`/api/accounts/${ACCOUNT}/conversations/%20/messages`, 400],
    [`/api/accounts`.concat("?x=1"), 400],
    [`/api/nothing-here`, 404],
    [`/api/accounts/${ACCOUNT}/conversations/x/messages/extra`, 404],
    // Not valid percent-encoding, or a control character: refused by proxy.ts before Next decodes.
    [`/api/accounts/${ACCOUNT}/conversations/%ff%fe/messages`, 400],
    [`/api/accounts/%C0%AE/conversations`, 400],
    [`/a/%ff/inbox`, 400],
    [`/a/${ACCOUNT}/inbox/c/%ff`, 400],
    [`/api/accounts/${ACCOUNT}/conversations/a%00b/messages`, 400],
    [`/api/accounts/${ACCOUNT}/conversations/a%0Ab/messages`, 400],
  ];
  const callsBefore = await upstream.stats();
  for (const [url, status] of bad) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(status);
    expect(errorEnvelopeSchema.safeParse(await response.json()).success, url).toBe(true);
  }
  expect(await upstream.stats()).toEqual(callsBefore);

  // A method a route does not serve: 405 in our envelope, saying what it does serve.
  for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
    const response = await request.fetch(`/api/accounts/${ACCOUNT}/conversations`, { method, data: "{" });
    expect(response.status(), method).toBe(405);
    expect(response.headers()["allow"]).toBe("GET");
    expect(errorEnvelopeSchema.parse(await response.json()).error.code).toBe("method_not_allowed");
  }
  // A NUL in a Linked API person id never reaches the database.
  const nul = await request.delete(`/api/accounts/linkedapi/people/a%00b`);
  expect(nul.status()).toBe(400);
  expect(errorEnvelopeSchema.safeParse(await nul.json()).success).toBe(true);
  expect(await upstream.stats()).toEqual(callsBefore);
});

test("provider failures come back as typed errors, never the upstream body", async ({ request }) => {
  const upstream = fakeUpstream(request);
  // A page size no other test reads: the inbox's first page is shared for 4 s (the head cache).
  const inbox = `/api/accounts/${ACCOUNT}/conversations?limit=7`;
  const cases: Array<[number, unknown, number, string]> = [
    [403, { success: false, error: { code: "INVALID_API_KEY", message: "UPSTREAM-DETAIL" } }, 502, "upstream_auth"],
    [402, { success: false, error: { code: "INSUFFICIENT_CREDITS", message: "UPSTREAM-DETAIL" } }, 502, "credits_exhausted"],
    [404, { success: false, error: { code: "INVALID_ACCOUNT", message: "UPSTREAM-DETAIL" } }, 502, "upstream_auth"],
  ];
  for (const [status, body, ourStatus, code] of cases) {
    await upstream.fail({ action: "list_inbox", status, body });
    const response = await request.get(inbox);
    expect(response.status()).toBe(ourStatus);
    const text = await response.text();
    expect(text).not.toContain("UPSTREAM-DETAIL");
    expect(errorEnvelopeSchema.parse(JSON.parse(text)).error.code).toBe(code);
  }

  await upstream.fail({ action: "list_inbox", status: 429, body: { success: false, error: { code: "RATE_LIMITED", message: "x" } }, headers: { "retry-after": "60" } });
  const limited = await request.get(inbox);
  expect(limited.status()).toBe(429);
  expect(limited.headers()["retry-after"]).toBe("60");

  await upstream.fail({ action: "get_conversation", status: 500, times: 1 });
  const [conversationId] = await upstream.conversationIds();
  const recovered = await request.get(`/api/accounts/${ACCOUNT}/conversations/${enc(conversationId!)}/messages`);
  expect(recovered.status()).toBe(200);
});
