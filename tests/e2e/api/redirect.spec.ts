import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { peopleResponseSchema, personResponseSchema } from "@/lib/contracts/api";
import { errorEnvelopeSchema } from "@/lib/contracts/errors";
import { addPersonAndWait, clearPeople, LENA_PROFILE_URL, longThreadId, PROVIDER_ACCOUNTS } from "../support/accounts";
import { ACCOUNTS, E2E, E2E_SECRETS } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";

/**
 * A provider that answers with a redirect must not get our keys sent to wherever it points (a
 * compromised provider, a hijacked DNS name, a misconfigured proxy): every provider's fake answers
 * 307 to a capture server of this file's own, which records everything that reaches it and answers
 * with what looks like a real inbox of a stranger's. We never follow a redirect, so it receives
 * nothing at all, and the rep sees our error, never the stranger's data.
 */
const captureUrl = `http://127.0.0.1:${E2E.capturePort}`;
/** Who the capture server's inbox belongs to: seeing this name anywhere means a redirect was followed. */
const FOREIGN_NAME = "Mallory Foreign";
const FOREIGN_TEXT = "Wire the money to this account today";
const enc = encodeURIComponent;

type Captured = { method: string; url: string; headers: IncomingHttpHeaders; body: string };
const captured: Captured[] = [];
let capture: Server;

/** Where a provider's redirect for this operation points: the capture server, which answers by operation. */
const redirectTarget = (operation: string) => `${captureUrl}/redirected/${enc(operation)}`;

/** A plausible answer of each provider's to the operation redirected, full of the stranger's data. */
function foreignAnswer(operation: string): unknown {
  const at = Date.now();
  const iso = new Date(at).toISOString();
  const linkupConversation = {
    conversation_id: "urn:li:msg_conversation:(urn:li:fsd_profile:FOREIGN,2-Zm9yZWlnbg==)",
    participant: { name: FOREIGN_NAME, headline: "Not your contact", profile_url: "https://www.linkedin.com/in/mallory-foreign" },
    last_message: { text: FOREIGN_TEXT, time: at, sender: { name: FOREIGN_NAME, profile_url: "https://www.linkedin.com/in/mallory-foreign", is_me: false } },
    unread: 1,
    type: "normal",
  };
  const linkupMessage = {
    text: FOREIGN_TEXT,
    timestamp: at,
    sender: FOREIGN_NAME,
    sender_info: { first_name: "Mallory", last_name: "Foreign", profile_url: "https://www.linkedin.com/in/mallory-foreign" },
    message_type: "TEXT",
    entity_urn: "urn:li:msg_message:(FOREIGN,1)",
  };
  if (operation === "list_inbox" || operation === "get_conversation") {
    const data = operation === "list_inbox" ? { conversations: [linkupConversation], next_cursor: null } : { messages: [linkupMessage], next_cursor: null };
    return { success: true, data, metadata: { action: operation, credits_consumed: 1, timestamp: iso } };
  }
  if (operation.startsWith("v1:")) {
    return { status: "success", data: operation === "v1:inbox" ? { conversations: [linkupConversation], next_cursor: null } : { messages: [linkupMessage], next_cursor: null } };
  }
  if (operation.startsWith("cs:")) {
    const sender = { profileId: "FOREIGN", name: FOREIGN_NAME, profileUrl: "https://www.linkedin.com/in/mallory-foreign" };
    return operation === "cs:recent-messages"
      ? { profileUrn: "urn:li:fsd_profile:FOREIGN", nextCursor: null, conversations: [{ conversationUrn: "urn:li:msg_conversation:FOREIGN", participants: [sender], unreadCount: 1, lastActivityAt: at, latestMessage: { text: FOREIGN_TEXT, sentAt: at, senderName: FOREIGN_NAME } }] }
      : { profileUrn: "urn:li:fsd_profile:FOREIGN", messages: [{ messageId: "FOREIGN-1", text: FOREIGN_TEXT, sentAt: at, sender }], participants: [sender] };
  }
  // Linked API: a completed workflow, whatever was asked.
  const person = LENA_PROFILE_URL;
  return {
    status: "complete",
    completion: { standard: [{ person, result: { success: true, data: { total: 1, messages: [{ id: "FOREIGN-1", sender: "them", text: FOREIGN_TEXT, time: iso }] } } }], salesNavigator: [] },
  };
}

test.beforeAll(async () => {
  capture = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const url = req.url ?? "/";
      captured.push({ method: req.method ?? "", url, headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(foreignAnswer(decodeURIComponent(new URL(url, captureUrl).pathname.replace(/^\/redirected\//, "")))));
    });
  });
  await new Promise<void>((resolve, reject) => {
    capture.once("error", reject);
    capture.listen(E2E.capturePort, "127.0.0.1", resolve);
  });
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => capture.close(() => resolve()));
});

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
  await clearPeople(request);
  captured.length = 0;
});

/** Nothing reached the stranger; and were anything ever to, it carries none of our credentials. */
function expectNothingCaptured(): void {
  for (const request of captured) {
    const seen = [request.method, request.url, JSON.stringify(request.headers), request.body].join("\n");
    for (const secret of E2E_SECRETS) expect(seen, `the capture server received a credential in ${request.method} ${request.url}`).not.toContain(secret);
  }
  expect(captured.map((r) => `${r.method} ${r.url}`), "requests that reached the capture server").toEqual([]);
}

/** Our error, in our envelope, and none of the stranger's data. */
async function expectUpstreamError(response: APIResponse, what: string): Promise<void> {
  const text = await response.text();
  expect(response.status(), `${what}: ${text}`).toBe(502);
  expect(errorEnvelopeSchema.parse(JSON.parse(text)).error.code).toBe("upstream_error");
  expect(text).not.toContain(FOREIGN_NAME);
  expect(text).not.toContain(FOREIGN_TEXT);
}

/** Makes the provider answer `operation` with a redirect to the capture server; returns how many redirects it then served. */
async function redirecting(request: APIRequestContext, operation: string, status: number, act: () => Promise<void>): Promise<number> {
  const upstream = fakeUpstream(request);
  await upstream.fail({ action: operation, status, body: {}, headers: { location: redirectTarget(operation) }, times: 5 });
  const before = (await upstream.stats()).faults;
  await act();
  const served = (await upstream.stats()).faults - before;
  await upstream.clearFaults();
  return served;
}

test("the capture server records whatever reaches it, and answers like a provider with a stranger's inbox", async ({ request }) => {
  // Shows the check below could fail: a request that did reach it would be recorded and shown data.
  const response = await request.post(redirectTarget("list_inbox"), { headers: { "x-api-key": "probe" }, data: { action: "list_inbox" } });
  expect(await response.text()).toContain(FOREIGN_NAME);
  expect(captured).toHaveLength(1);
  expect(captured[0]?.headers["x-api-key"]).toBe("probe");
});

const READ_OPERATIONS: Record<string, { list: string; thread: string }> = {
  [ACCOUNTS.linkupV2]: { list: "list_inbox", thread: "get_conversation" },
  [ACCOUNTS.linkupV1]: { list: "v1:inbox", thread: "v1:conversation" },
  [ACCOUNTS.connectSafely]: { list: "cs:recent-messages", thread: "cs:conversation-details" },
  [ACCOUNTS.linkedApi]: { list: "la:get", thread: "la:get" },
};

for (const account of PROVIDER_ACCOUNTS) {
  test(`${account.name}: a 307 from the provider on the inbox, a thread and a since read is our upstream_error, and the target receives nothing`, async ({ request }) => {
    const operations = READ_OPERATIONS[account.id];
    if (!operations) throw new Error(`no operations for ${account.id}`);
    const conversationId = enc(await longThreadId(request, account.id));
    const base = `/api/accounts/${account.id}`;
    const reads = [
      { what: "inbox", operation: operations.list, url: `${base}/conversations?limit=20` },
      { what: "thread", operation: operations.thread, url: `${base}/conversations/${conversationId}/messages?limit=30` },
      { what: "since", operation: operations.thread, url: `${base}/conversations/${conversationId}/messages?since=0` },
    ];
    const figures: string[] = [];
    for (const read of reads) {
      // 307 and 308 keep the method and the body (our keys ride in both); 302 is the common one.
      for (const status of account.id === ACCOUNTS.linkupV2 && read.what === "inbox" ? [307, 308, 302] : [307]) {
        const served = await redirecting(request, read.operation, status, async () => expectUpstreamError(await request.get(read.url), `${read.what} after a ${status}`));
        figures.push(`${read.what} ${status}: ${served} redirect(s) served`);
        // Not vacuous: the provider did answer this read with the redirect.
        expect(served, `${read.what}: the redirect was served`).toBeGreaterThanOrEqual(1);
        // Not retried: a redirect is not a passing failure.
        expect(served).toBe(1);
      }
    }
    console.log(`[redirect] ${account.name}: ${figures.join("; ")}; capture server received ${captured.length} request(s)`);
    expectNothingCaptured();
  });
}

test("Linked API: a 307 on starting a sync or on its result link fails that person, and the target receives nothing", async ({ request }) => {
  const peopleUrl = `/api/accounts/${ACCOUNTS.linkedApi}/people`;
  const figures: string[] = [];

  // Starting a sync (conversations.synchronize) is answered with a redirect.
  let started: APIResponse | undefined;
  const servedOnStart = await redirecting(request, "la:synchronize", 307, async () => {
    started = await request.post(peopleUrl, { data: { profileUrl: "https://www.linkedin.com/in/redirected-start-1" } });
  });
  if (!started) throw new Error("no answer");
  const startText = await started.text();
  figures.push(`add person → ${started.status()} ${startText}`);
  expect(servedOnStart).toBe(1);
  expect(started.status(), startText).toBe(201);
  const failedStart = personResponseSchema.parse(JSON.parse(startText)).person;
  expect(failedStart.state).toBe("failed");
  expect(failedStart.failure?.reason).toBe("upstream_error");

  // A sync that started well, whose result link then answers with a redirect.
  const added = await request.post(peopleUrl, { data: { profileUrl: LENA_PROFILE_URL } });
  expect(added.status()).toBe(201);
  const lena = personResponseSchema.parse(await added.json()).person;
  expect(lena.state).toBe("syncing");
  let listed: APIResponse | undefined;
  const servedOnResult = await redirecting(request, "la:result", 307, async () => {
    // The list asks about a running sync once its turn comes (a few seconds after it started).
    await expect
      .poll(
        async () => {
          listed = await request.get(peopleUrl);
          return peopleResponseSchema.parse(await listed.json()).people.find((p) => p.id === lena.id)?.state;
        },
        { timeout: 20_000, intervals: [500] },
      )
      .not.toBe("syncing");
  });
  if (!listed) throw new Error("no answer");
  const listText = await listed.text();
  figures.push(`people list while the result link redirects → ${listed.status()}`);
  expect(servedOnResult).toBe(1);
  expect(listed.status(), listText).toBe(200);
  expect(listText).not.toContain(FOREIGN_NAME);
  expect(listText).not.toContain(FOREIGN_TEXT);
  const after = peopleResponseSchema.parse(JSON.parse(listText)).people.find((p) => p.id === lena.id);
  expect(after?.state).toBe("failed");
  expect(after?.failure?.reason).toBe("upstream_error");

  console.log(`[redirect] Linked API people: ${figures.join("; ")}; capture server received ${captured.length} request(s)`);
  expectNothingCaptured();
});

test("in the browser: every inbox whose provider redirects shows our error, never the stranger's inbox", async ({ page, request }) => {
  test.setTimeout(120_000);
  const upstream = fakeUpstream(request);
  await addPersonAndWait(request, LENA_PROFILE_URL);
  for (const account of PROVIDER_ACCOUNTS) {
    const operation = READ_OPERATIONS[account.id]?.list ?? "";
    const before = (await upstream.stats()).faults;
    // Enough for the server render, the client's retries and its polls.
    await upstream.fail({ action: operation, status: 307, body: {}, headers: { location: redirectTarget(operation) }, times: 1_000 });
    await page.goto(`/a/${account.id}/inbox`);
    await expect(page.getByTestId("error-state"), `${account.name}: the inbox shows an error`).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("conversation-row")).toHaveCount(0);
    await expect(page.getByText(FOREIGN_NAME)).toHaveCount(0);
    await expect(page.getByText(FOREIGN_TEXT)).toHaveCount(0);
    expect((await upstream.stats()).faults - before, `${account.name}: the provider did redirect`).toBeGreaterThanOrEqual(1);
    await upstream.clearFaults();
  }
  await page.goto("about:blank");
  expectNothingCaptured();
});
