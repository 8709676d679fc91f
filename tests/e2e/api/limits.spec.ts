import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { expect, test, type APIRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { accountsResponseSchema, conversationsPageSchema, messagesPageSchema, peopleResponseSchema, personResponseSchema } from "@/lib/contracts/api";
import { errorEnvelopeSchema, type ErrorCode } from "@/lib/contracts/errors";
import { invitationCreatedSchema } from "@/lib/contracts/team";
import { usageResponseSchema } from "@/lib/contracts/usage";
import { startAppServer, stopAppServer, waitUntilUp } from "../support/app-server";
import { ACCOUNTS, E2E } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";
import { signInByApi } from "../support/sign-in";

/**
 * Only the right rep gets in, and nobody spends without bound: an app server of this file's own
 * (same build, its own embedded database) with tight limits. Sign-in attempts per email, requests
 * per rep, provider calls per account per minute, provider credits per account per UTC day, and
 * identical reads folded into one. Every figure measured is printed for the closing note.
 *
 * The tests run in this order on purpose (one server; one Linkup account for the first three): the
 * folded read first, while the account's minute is fresh; a rep's own request rate (two provider
 * calls); then the per-minute loop. The daily budget is spent on a second Linkup account of its
 * own, whose minute and day the others leave untouched.
 */
const baseURL = `http://127.0.0.1:${E2E.limitsPort}`;
const LIMITS = { apiPerMinute: 60, providerCallsPerMinute: 20, dailyCredits: 60, signInsPer15Minutes: 10, linkedApiMaxPeople: 3 } as const;
/** The Linkup v2 account only the daily budget test spends on. */
const BUDGET_ACCOUNT = "linkup-budget";
/** The most credits one Linkup call here can cost (a page of 100 messages, 1 credit per 10). */
const MAX_CREDITS_PER_CALL = 10;
const REP_PASSWORD = "e2e-limits-rep-password-5d1c";
const LINKUP_OPERATIONS = ["list_inbox", "get_conversation"] as const;
const enc = encodeURIComponent;

let server: ChildProcess | undefined;
let dataDir = "";
let admin: APIRequestContext;
const contexts: APIRequestContext[] = [];

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
/** Nothing of the run's admin session (cookies ignore ports: the main server's would ride along). */
const SIGNED_OUT = { cookies: [], origins: [] };

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(join(tmpdir(), "threadline-limits-"));
  server = startAppServer({
    port: E2E.limitsPort,
    dataDir,
    moreLinkupV2Accounts: [BUDGET_ACCOUNT],
    limits: {
      THREADLINE_API_REQUESTS_PER_MINUTE: String(LIMITS.apiPerMinute),
      THREADLINE_PROVIDER_CALLS_PER_MINUTE: String(LIMITS.providerCallsPerMinute),
      THREADLINE_DAILY_CREDIT_BUDGET: String(LIMITS.dailyCredits),
      THREADLINE_SIGN_IN_ATTEMPTS_PER_15_MINUTES: String(LIMITS.signInsPer15Minutes),
      THREADLINE_LINKEDAPI_MAX_PEOPLE: String(LIMITS.linkedApiMaxPeople),
    },
  }).server;
  await waitUntilUp(baseURL);
  admin = await playwright.request.newContext({ baseURL, storageState: SIGNED_OUT });
  contexts.push(admin);
  // A fresh database: this creates the admin, as /setup does.
  await signInByApi(admin, E2E.admin);
});

test.afterAll(async () => {
  for (const context of contexts.splice(0)) await context.dispose();
  if (server) await stopAppServer(server, baseURL);
  rmSync(dataDir, { recursive: true, force: true });
});

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

/** A rep on this server, invited by the admin to these accounts, signed in (their own session and request rate). */
async function invitedRep(requests: APIRequest, accountIds: string[]): Promise<{ rep: APIRequestContext; email: string }> {
  const email = `rep-${unique()}@threadline.test`;
  const created = await admin.post("/api/team/invitations", { data: { email, role: "rep", accountIds } });
  expect(created.status(), await created.text()).toBe(201);
  const { link } = invitationCreatedSchema.parse(await created.json());
  const token = decodeURIComponent(new URL(link).pathname.replace(/^\/join\//, ""));
  const rep = await requests.newContext({ baseURL, storageState: SIGNED_OUT });
  contexts.push(rep);
  const joined = await rep.post("/api/join", { data: { token, name: "Rita Limits", password: REP_PASSWORD } });
  expect(joined.status(), await joined.text()).toBe(201);
  return { rep, email };
}

function linkupCalls(calls: Record<string, number>): number {
  return LINKUP_OPERATIONS.reduce((sum, operation) => sum + (calls[operation] ?? 0), 0);
}

type Refusal = { code: ErrorCode; message: string; retryAfter: number };

/** A 429 in our envelope, whose Retry-After header and body agree. */
async function refusalOf(response: APIResponse): Promise<Refusal> {
  expect(response.status()).toBe(429);
  const { error } = errorEnvelopeSchema.parse(await response.json());
  expect(error.retryAfter, `${error.code} says when to retry`).toBeDefined();
  const retryAfter = error.retryAfter ?? 0;
  expect(Number(response.headers()["retry-after"])).toBe(retryAfter);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  return { code: error.code, message: error.message, retryAfter };
}

/** Seconds from `at` to the next UTC midnight, rounded up (as the server counts a budget's Retry-After). */
function secondsToNextUtcDay(at: number): number {
  const next = new Date(at);
  next.setUTCHours(24, 0, 0, 0);
  return Math.ceil((next.getTime() - at) / 1000);
}

const minuteOf = (at: number) => Math.floor(at / 60_000);

test("identical reads at the same moment go upstream once: 10 concurrent inbox reads, one list_inbox", async ({ playwright, request }) => {
  const upstream = fakeUpstream(request);
  const { rep } = await invitedRep(playwright.request, [ACCOUNTS.linkupV2]);
  // The provider takes 1.5 s to answer, so the first read is still in flight when all ten have
  // passed the session check (they reach the provider tens of milliseconds apart): "the same moment".
  await upstream.fail({ action: "list_inbox", kind: "delay", delayMs: 1_500, times: 10 });
  const before = await upstream.stats();
  const responses = await Promise.all(Array.from({ length: 10 }, () => rep.get(`/api/accounts/${ACCOUNTS.linkupV2}/conversations?category=INBOX&limit=20`)));
  const after = await upstream.stats();
  const statuses = responses.map((response) => response.status());
  const listInboxCalls = (after.calls.list_inbox ?? 0) - (before.calls.list_inbox ?? 0);
  console.log(`[limits] shared reads: 10 concurrent identical inbox reads → statuses ${statuses.join(",")}; upstream list_inbox calls: ${listInboxCalls}; credits ${after.credits - before.credits}`);
  expect(statuses).toEqual(Array.from({ length: 10 }, () => 200));
  const pages = await Promise.all(responses.map(async (response) => conversationsPageSchema.parse(await response.json())));
  const first = pages[0]?.conversations.map((c) => c.id) ?? [];
  expect(first).toHaveLength(20);
  for (const page of pages) expect(page.conversations.map((c) => c.id)).toEqual(first);
  expect(listInboxCalls).toBe(1);
  await upstream.clearFaults();
});

test("a page whose provider read outlasts its 1.5 s is sent without it; the read runs on (after the answer) and the browser's own request gets its answer: one list_inbox", async ({ playwright, request }) => {
  const upstream = fakeUpstream(request);
  const { rep } = await invitedRep(playwright.request, [ACCOUNTS.linkupV2]);
  await upstream.fail({ action: "list_inbox", kind: "delay", delayMs: 1_800, times: 1 });
  const before = await upstream.stats();
  const started = Date.now();
  // Unread: a list no other test here has just read (the server shares a list's answer for a few seconds).
  const page = await rep.get(`/a/${ACCOUNTS.linkupV2}/unread`, { headers: { accept: "text/html" } });
  const pageMs = Date.now() - started;
  expect(page.status()).toBe(200);
  expect(await page.text()).not.toContain('data-testid="conversation-row"');
  const inbox = await rep.get(`/api/accounts/${ACCOUNTS.linkupV2}/conversations?category=UNREAD&limit=20`);
  expect(inbox.status()).toBe(200);
  expect(conversationsPageSchema.parse(await inbox.json()).conversations.length).toBeGreaterThan(0);
  const after = await upstream.stats();
  console.log(`[limits] slow provider: page sent in ${pageMs} ms without its rows; list_inbox calls ${(after.calls.list_inbox ?? 0) - (before.calls.list_inbox ?? 0)}`);
  expect((after.calls.list_inbox ?? 0) - (before.calls.list_inbox ?? 0)).toBe(1);
  await upstream.clearFaults();
});

test("a rep above their request rate is refused (429 with Retry-After), with no provider call, and another rep is not", async ({ playwright, request }) => {
  test.setTimeout(120_000);
  const upstream = fakeUpstream(request);
  const { rep } = await invitedRep(playwright.request, [ACCOUNTS.linkupV2]);
  const { rep: colleague } = await invitedRep(playwright.request, [ACCOUNTS.linkupV2]);
  // Fixed one-minute windows: start well inside one, so every request here counts in it.
  await expect.poll(() => 60_000 - (Date.now() % 60_000), { timeout: 60_000, intervals: [1_000] }).toBeGreaterThan(20_000);
  const inbox = `/api/accounts/${ACCOUNTS.linkupV2}/conversations?category=INBOX&limit=5`;
  const firstPage = await rep.get(inbox);
  expect(firstPage.status(), await firstPage.text()).toBe(200);
  const { nextCursor } = conversationsPageSchema.parse(await firstPage.json());
  if (nextCursor === null) throw new Error("the fixture's inbox has one page only");
  for (let i = 1; i < LIMITS.apiPerMinute; i++) expect((await rep.get("/api/accounts")).status()).toBe(200);

  // The 61st request of the minute: a next page, which would be a provider call.
  const before = await upstream.stats();
  const refusal = await refusalOf(await rep.get(`${inbox}&cursor=${enc(nextCursor)}`));
  expect(refusal).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/Too many requests/) });
  expect(refusal.retryAfter).toBeLessThanOrEqual(60);
  expect(linkupCalls((await upstream.stats()).calls)).toBe(linkupCalls(before.calls));
  // A read that asks no provider is refused as well.
  expect((await refusalOf(await rep.get("/api/accounts"))).message).toMatch(/Too many requests/);
  // The limit is the rep's own: a colleague on the same account reads that page.
  const colleagues = await colleague.get(`${inbox}&cursor=${enc(nextCursor)}`);
  expect(colleagues.status(), await colleagues.text()).toBe(200);
  expect(linkupCalls((await upstream.stats()).calls)).toBe(linkupCalls(before.calls) + 1);
});

test("one rep looping ?since=0 gets 429s, and the provider never sees more calls than the per-minute budget", async ({ playwright, request }) => {
  test.setTimeout(120_000);
  const upstream = fakeUpstream(request);
  const { rep } = await invitedRep(playwright.request, [ACCOUNTS.linkupV2]);
  // A 19-message thread: Linkup has no `since`, so each read pages the thread (10, then 25): two calls.
  const conversationId = (await upstream.conversationIds())[6];
  if (conversationId === undefined) throw new Error("the fixture has no conversation 6");
  const threadLength = 19;

  const REQUESTS = 80;
  const CONCURRENCY = 8;
  const before = await upstream.stats();
  const started = Date.now();
  const results: { status: number; refusal?: Refusal; messages?: number }[] = [];
  let next = 0;
  // Eight at a time, as fast as they come back. `since` differs per request (0, 1, 2… ms: every message
  // is newer) so that no two are identical reads folded into one: each is a real upstream read.
  async function worker() {
    while (next < REQUESTS) {
      const since = next++;
      const response = await rep.get(`/api/accounts/${ACCOUNTS.linkupV2}/conversations/${enc(conversationId ?? "")}/messages?since=${since}`);
      if (response.status() === 200) results.push({ status: 200, messages: messagesPageSchema.parse(await response.json()).messages.length });
      else if (response.status() === 429) results.push({ status: 429, refusal: await refusalOf(response) });
      else results.push({ status: response.status() });
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const ended = Date.now();
  const after = await upstream.stats();

  const calls = linkupCalls(after.calls) - linkupCalls(before.calls);
  const minutesSpanned = minuteOf(ended) - minuteOf(started) + 1;
  const ok = results.filter((r) => r.status === 200);
  const refusals = results.flatMap((r) => (r.refusal ? [r.refusal] : []));
  const byKind = {
    providerMinute: refusals.filter((r) => r.code === "rate_limited" && /provider calls/.test(r.message)).length,
    repRequests: refusals.filter((r) => r.code === "rate_limited" && /Too many requests/.test(r.message)).length,
    budget: refusals.filter((r) => r.code === "budget_exhausted").length,
  };
  console.log(
    `[limits] since loop: ${results.length} requests (${CONCURRENCY} at a time) in ${ended - started} ms over ${minutesSpanned} clock minute(s); ` +
      `200: ${ok.length}; 429: ${refusals.length} (provider calls per minute: ${byKind.providerMinute}, rep requests per minute: ${byKind.repRequests}, budget_exhausted: ${byKind.budget}); ` +
      `other: ${results.length - ok.length - refusals.length}; upstream Linkup calls: ${calls} (budget ${LIMITS.providerCallsPerMinute}/min → at most ${LIMITS.providerCallsPerMinute * minutesSpanned}); credits billed: ${after.credits - before.credits}`,
  );

  expect(results).toHaveLength(REQUESTS);
  // Nothing but answers and refusals: no 5xx under load.
  expect(ok.length + refusals.length).toBe(REQUESTS);
  for (const r of ok) expect(r.messages).toBe(threadLength);
  expect(ok.length).toBeGreaterThanOrEqual(1);
  // The loop asked for far more than 20 calls a minute: it was refused, by the provider meter above all.
  expect(refusals.length).toBeGreaterThanOrEqual(REQUESTS - LIMITS.providerCallsPerMinute * minutesSpanned);
  expect(byKind.providerMinute).toBeGreaterThanOrEqual(1);
  expect(byKind.providerMinute + byKind.repRequests + byKind.budget).toBe(refusals.length);
  for (const refusal of refusals) {
    // Fixed one-minute windows: never more than a minute to wait.
    if (refusal.code === "rate_limited") expect(refusal.retryAfter).toBeLessThanOrEqual(60);
  }
  // The point: the provider saw no more calls than the budget allows in the minutes the loop lasted.
  expect(calls).toBeGreaterThanOrEqual(2 * ok.length);
  expect(calls).toBeLessThanOrEqual(LIMITS.providerCallsPerMinute * minutesSpanned);
});

test("a burst of wrong passwords locks that email from that address (429 with Retry-After), the right password too, and neither the rep's own device nor another email", async ({ playwright }) => {
  test.setTimeout(120_000);
  const { email } = await invitedRep(playwright.request, []);
  // The limit counts in fixed 15-minute windows: start the burst well inside one, so it all counts together.
  const WINDOW_MS = 15 * 60_000;
  await expect.poll(() => WINDOW_MS - (Date.now() % WINDOW_MS), { timeout: 60_000, intervals: [1_000] }).toBeGreaterThan(45_000);

  const stranger = await playwright.request.newContext({ baseURL, storageState: SIGNED_OUT, extraHTTPHeaders: { "x-forwarded-for": "203.0.113.66" } });
  const ownDevice = await playwright.request.newContext({ baseURL, storageState: SIGNED_OUT, extraHTTPHeaders: { "x-forwarded-for": "198.51.100.7" } });
  contexts.push(stranger, ownDevice);
  const signIn = (who: string, password: string) => stranger.post("/api/auth/sign-in/email", { data: { email: who, password } });
  const statuses: number[] = [];
  const retryAfters: string[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await signIn(email, `wrong-password-${attempt}-x`);
    statuses.push(response.status());
    if (response.status() === 429) retryAfters.push(response.headers()["retry-after"] ?? response.headers()["x-retry-after"] ?? "none");
  }
  const right = await signIn(email, REP_PASSWORD);
  const rightUpperCase = await signIn(email.toUpperCase(), REP_PASSWORD);
  const otherEmail = await signIn(E2E.admin.email, E2E.admin.password);
  const fromOwnDevice = await ownDevice.post("/api/auth/sign-in/email", { data: { email, password: REP_PASSWORD } });
  console.log(
    `[limits] sign-in burst (limit ${LIMITS.signInsPer15Minutes} per email and address per 15 min): wrong passwords → ${statuses.join(",")}; Retry-After ${[...new Set(retryAfters)].join("/")} s; ` +
      `then the right password → ${right.status()}, the same email in capitals → ${rightUpperCase.status()}, another email's right password → ${otherEmail.status()}, the rep from another address → ${fromOwnDevice.status()}`,
  );

  const limit = LIMITS.signInsPer15Minutes;
  expect(statuses).toEqual([...Array.from({ length: limit }, () => 401), ...Array.from({ length: 20 - limit }, () => 429)]);
  for (const value of retryAfters) {
    expect(Number(value)).toBeGreaterThanOrEqual(1);
    expect(Number(value)).toBeLessThanOrEqual(15 * 60);
  }
  // The right password does not get through while the window lasts, nor does a change of case…
  for (const refused of [right, rightUpperCase]) {
    expect(refused.status()).toBe(429);
    expect(refused.headers()["set-cookie"] ?? "").not.toContain("session_token");
  }
  // …and nobody else is locked out by it: not another email, nor the rep signing in from their own device.
  expect(otherEmail.status(), await otherEmail.text()).toBe(200);
  expect(fromOwnDevice.status(), await fromOwnDevice.text()).toBe(200);

  // Guesses spread over many addresses, each under its own limit, still meet the email's limit from
  // everywhere (ten times the other): it has counted the burst's first `limit` and the rep's sign-in.
  const spreadStatuses: number[] = [];
  for (let attempt = 0; attempt < 120 && !spreadStatuses.includes(429); attempt++) {
    const address = `192.0.2.${Math.floor(attempt / (limit - 1)) + 1}`;
    const response = await stranger.post("/api/auth/sign-in/email", { data: { email, password: `spread-guess-${attempt}-x` }, headers: { origin: new URL(baseURL).origin, "x-forwarded-for": address } });
    spreadStatuses.push(response.status());
  }
  expect(spreadStatuses).toEqual([...Array.from({ length: limit * 10 - limit - 1 }, () => 401), 429]);
  // (Signed in now, the device sends its Origin, as a browser does: Better Auth asks for one beside a session cookie.)
  const again = await ownDevice.post("/api/auth/sign-in/email", { data: { email, password: REP_PASSWORD }, headers: { origin: new URL(baseURL).origin, "x-forwarded-for": "198.51.100.7" } });
  expect(again.status(), await again.text()).toBe(429);
});

test("Linked API: adding more people than THREADLINE_LINKEDAPI_MAX_PEOPLE is refused, and no sync starts", async ({ request }) => {
  const upstream = fakeUpstream(request);
  const peopleUrl = `/api/accounts/${ACCOUNTS.linkedApi}/people`;
  const suffix = unique().replace(/[^a-z0-9]/g, "");
  for (let n = 0; n < LIMITS.linkedApiMaxPeople; n++) {
    const added = await admin.post(peopleUrl, { data: { profileUrl: `https://www.linkedin.com/in/cap-person-${suffix}-${n}` } });
    expect(added.status(), await added.text()).toBe(201);
    personResponseSchema.parse(await added.json());
  }
  const before = await upstream.stats();
  const over = await admin.post(peopleUrl, { data: { profileUrl: `https://www.linkedin.com/in/cap-person-${suffix}-over` } });
  const after = await upstream.stats();
  const syncsStarted = (after.calls["la:synchronize"] ?? 0) - (before.calls["la:synchronize"] ?? 0);
  const overBody = await over.text();
  const { people } = peopleResponseSchema.parse(await (await admin.get(peopleUrl)).json());
  console.log(`[limits] Linked API people cap ${LIMITS.linkedApiMaxPeople}: adding one more → ${over.status()} ${overBody}; la:synchronize calls for it: ${syncsStarted}; people listed: ${people.length}`);

  // Tidy up first (the assertions below may fail: the cap may not be enforced).
  for (const person of people) await admin.delete(`${peopleUrl}/${enc(person.id)}`, { data: {} });

  expect(over.status(), "one person over the cap is refused").toBeGreaterThanOrEqual(400);
  expect(over.status()).toBeLessThan(500);
  const { error } = errorEnvelopeSchema.parse(JSON.parse(overBody));
  // A clear message: it names the cap.
  expect(error.message).toContain(String(LIMITS.linkedApiMaxPeople));
  expect(error.message).toMatch(/people|person/i);
  expect(syncsStarted).toBe(0);
  expect(people).toHaveLength(LIMITS.linkedApiMaxPeople);
});

test("the daily credit budget: once spent, reads answer 429 budget_exhausted until UTC midnight, with no upstream call; the rest still works", async ({ playwright, request }) => {
  const upstream = fakeUpstream(request);
  const { rep } = await invitedRep(playwright.request, [BUDGET_ACCOUNT, ACCOUNTS.linkupV2, ACCOUNTS.connectSafely]);
  const lena = (await upstream.conversationIds())[0];
  if (lena === undefined) throw new Error("the fixture has no conversation 0");
  // Lena's 1,500 messages: `since=0` reads six growing pages (10…100 messages): 39 credits.
  const sinceUrl = `/api/accounts/${BUDGET_ACCOUNT}/conversations/${enc(lena)}/messages?since=0`;
  const codeOf = async (response: APIResponse) => (response.status() === 200 ? "ok" : errorEnvelopeSchema.parse(await response.json()).error.code);
  const creditsToday = async (accountId: string) => usageResponseSchema.parse(await (await rep.get(`/api/accounts/${accountId}/usage`)).json()).usage.credits;
  const otherAccountCredits = await creditsToday(ACCOUNTS.linkupV2);

  // Read until the day's credits are spent: the first read is let through whole, the second is cut
  // short when it crosses the budget (the fake's stats were reset before this test, and only this
  // test spends on the account).
  const answers: string[] = [];
  for (let read = 0; read < 6 && answers.at(-1) !== "budget_exhausted"; read++) answers.push(await codeOf(await rep.get(sinceUrl)));
  expect(answers[0]).toBe("ok");
  const spent = await upstream.stats();
  const billed = spent.credits;
  console.log(`[limits] budget: reads of Lena since=0 until refused → ${answers.join(",")}; credits billed to this account today: ${billed} (budget ${LIMITS.dailyCredits}); Linkup calls in this test: ${linkupCalls(spent.calls)}`);
  expect(answers.at(-1)).toBe("budget_exhausted");
  // Spent up to the budget, and past it by at most the one call that was let through below it.
  expect(billed).toBeGreaterThanOrEqual(LIMITS.dailyCredits);
  expect(billed).toBeLessThan(LIMITS.dailyCredits + MAX_CREDITS_PER_CALL);

  // Now every read that needs Linkup is refused at once, until the next UTC day.
  const reads = [
    `/api/accounts/${BUDGET_ACCOUNT}/conversations?category=INBOX&limit=20`,
    `/api/accounts/${BUDGET_ACCOUNT}/conversations/${enc(lena)}/messages?limit=30`,
    sinceUrl,
  ];
  const from = Date.now();
  const refusals: Refusal[] = [];
  for (const url of reads) refusals.push(await refusalOf(await rep.get(url)));
  const to = Date.now();
  const afterRefusals = await upstream.stats();
  console.log(`[limits] budget spent: ${refusals.map((r) => `${r.code} Retry-After ${r.retryAfter} s`).join("; ")}; upstream Linkup calls meanwhile: ${linkupCalls(afterRefusals.calls) - linkupCalls(spent.calls)}`);
  for (const refusal of refusals) {
    expect(refusal.code).toBe("budget_exhausted");
    expect(refusal.retryAfter).toBeGreaterThanOrEqual(secondsToNextUtcDay(to));
    expect(refusal.retryAfter).toBeLessThanOrEqual(secondsToNextUtcDay(from));
  }
  expect(linkupCalls(afterRefusals.calls)).toBe(linkupCalls(spent.calls));
  expect(afterRefusals.credits).toBe(spent.credits);

  // What needs no provider still answers, and another account's budget is its own.
  const accounts = await rep.get("/api/accounts");
  expect(accounts.status()).toBe(200);
  expect(accountsResponseSchema.parse(await accounts.json()).accounts.map((a) => a.id).sort()).toEqual([BUDGET_ACCOUNT, ACCOUNTS.connectSafely, ACCOUNTS.linkupV2].sort());
  expect((await rep.get("/api/me")).status()).toBe(200);
  expect((await rep.get(`/api/accounts/${ACCOUNTS.connectSafely}/conversations?limit=20`)).status()).toBe(200);
  // The meter counted it all on this account: the other Linkup account's day is untouched.
  expect(await creditsToday(BUDGET_ACCOUNT)).toBe(billed);
  expect(await creditsToday(ACCOUNTS.linkupV2)).toBe(otherAccountCredits);
});
