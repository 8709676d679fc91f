import { readFileSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { expect, test, type APIRequest, type APIRequestContext, type APIResponse, type Page, type Response, type Route } from "@playwright/test";
import { z } from "zod";
import { LONG_THREAD_NAME } from "../../fake-upstream/fixture-mailbox";
import { addPersonAndWait, clearPeople, LENA_PROFILE_URL, longThreadId, PROVIDER_ACCOUNTS } from "../support/accounts";
import { ACCOUNTS, ADMIN_STATE, APP_SERVER_LOG, E2E, E2E_SECRETS } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";
import { signInByPage } from "../support/sign-in";


/** Better Auth's session cookie ("__Secure-" in production): "<token>.<signature>", URL-encoded. */
const SESSION_COOKIE = /(^|[-.])better-auth\.session_token$/;
const storageStateSchema = z.object({ cookies: z.array(z.object({ name: z.string(), value: z.string() })) });

/** A session cookie's value as sentinels: as sent, decoded, and the session token alone (the part before the signature). */
function sessionSentinels(value: string): string[] {
  const decoded = decodeURIComponent(value);
  const token = decoded.split(".")[0] ?? decoded;
  return [...new Set([value, decoded, token])].filter((s) => s.length >= 16);
}

/** The run's admin session (global-setup.ts signed it in): a credential like any key. */
function adminSessionSentinels(): string[] {
  const { cookies } = storageStateSchema.parse(JSON.parse(readFileSync(ADMIN_STATE, "utf8")));
  const cookie = cookies.find((c) => SESSION_COOKIE.test(c.name));
  if (!cookie) throw new Error(`no session cookie in ${ADMIN_STATE}`);
  return sessionSentinels(cookie.value);
}

/** Every secret the server holds, and the admin's session (read once the run has signed it in). */
let sentinels: readonly string[] | undefined;
function allSentinels(): readonly string[] {
  sentinels ??= [...E2E_SECRETS, ...adminSessionSentinels()];
  return sentinels;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function expectNoSecret(request: APIRequestContext, url: string, init?: { method: "POST"; data: unknown }): Promise<void> {
  const response = init ? await request.post(url, { data: init.data }) : await request.get(url);
  const body = await response.text();
  for (const secret of allSentinels()) expect(body, `${url} leaks a secret`).not.toContain(secret);
  for (const [name, value] of Object.entries(response.headers())) {
    for (const secret of allSentinels()) expect(value, `${url} header ${name}`).not.toContain(secret);
  }
}

/** The admin, whatever the test's own browser state (the whole-session test starts signed out). */
async function asAdmin<T>(requests: APIRequest, work: (admin: APIRequestContext) => Promise<T>): Promise<T> {
  const admin = await requests.newContext({ baseURL: E2E.appUrl, storageState: ADMIN_STATE });
  try {
    return await work(admin);
  } finally {
    await admin.dispose();
  }
}

test.beforeEach(async ({ playwright }) => {
  await asAdmin(playwright.request, async (admin) => {
    await fakeUpstream(admin).reset();
    await clearPeople(admin);
  });
});

test("no provider key, token or cookie is in any static asset", async () => {
  const files = await filesUnder(".next/static");
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const content = await readFile(file);
    for (const secret of allSentinels()) expect(content.includes(secret), `${file} holds a secret`).toBe(false);
  }
});

test("no provider key, token or cookie is in any page's HTML or any API answer, on any provider", async ({ request }) => {
  await expectNoSecret(request, "/");
  await expectNoSecret(request, "/api/accounts");
  for (const account of PROVIDER_ACCOUNTS) {
    const conversationId = encodeURIComponent(await longThreadId(request, account.id));
    for (const url of [
      `/a/${account.id}/inbox`,
      `/a/${account.id}/inbox/c/${conversationId}`,
      `/api/accounts/${account.id}/conversations`,
      `/api/accounts/${account.id}/conversations/${conversationId}/messages`,
      `/api/accounts/${account.id}/conversations/${conversationId}/messages?since=0`,
      `/api/accounts/${account.id}/conversations?cursor=bad`,
      `/api/accounts/${account.id}/people`,
    ]) {
      await expectNoSecret(request, url);
    }
  }
  await expectNoSecret(request, `/api/accounts/${ACCOUNTS.linkedApi}/people`, { method: "POST", data: { profileUrl: "linkedin.com/in/someone-new-1" } });
});

test("a provider error that quotes our credentials never reaches the browser", async ({ request }) => {
  const upstream = fakeUpstream(request);
  const quoting = `rejected ${E2E_SECRETS.join(" ")}`;
  const cases: { account: string; operation: string; status: number; body: unknown }[] = [
    { account: ACCOUNTS.linkupV2, operation: "list_inbox", status: 403, body: { success: false, error: { code: "INVALID_API_KEY", message: quoting } } },
    { account: ACCOUNTS.linkupV1, operation: "v1:inbox", status: 401, body: { status: "error", message: quoting } },
    { account: ACCOUNTS.connectSafely, operation: "cs:recent-messages", status: 401, body: { error: quoting } },
    { account: ACCOUNTS.linkedApi, operation: "la:get", status: 401, body: { status: "error", error: { errorType: "invalidAccountApiToken", message: quoting } } },
  ];
  await addPersonAndWait(request, LENA_PROFILE_URL);
  for (const { account, operation, status, body } of cases) {
    await upstream.fail({ action: operation, status, body, times: 10 });
    await expectNoSecret(request, `/api/accounts/${account}/conversations`);
    await upstream.clearFaults();
  }
});

type Seen = { url: string; method: string; status: number; headers: { name: string; value: string }[]; body: string | null; contentType: string };

/**
 * Records every response a page gets from our server (headers and body) and every console line.
 * Each of our answers is fetched through a route, so its body is read before the page can navigate
 * away from it: signing in and out end in a full page load, which discards any body the browser had
 * not been asked for yet (the sign-in's JSON among them), as does each page change for the
 * prefetches in flight. Anything from elsewhere (there should be nothing but images) is read as it arrives.
 */
async function watch(page: Page, responses: Promise<Seen>[], consoleLines: string[]): Promise<void> {
  const ours = (url: URL) => url.origin === E2E.appUrl;
  await page.route(ours, async (route) => {
    const response = await fetchAsTheBrowserWould(route);
    const body = await response.text();
    const headers = response.headersArray();
    responses.push(Promise.resolve({ url: route.request().url(), method: route.request().method(), status: response.status(), headers, body, contentType: contentTypeOf(headers) }));
    await route.fulfill({ response, body });
  });
  page.on("response", (response) => {
    if (!ours(new URL(response.url()))) responses.push(seen(response));
  });
  page.on("console", (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => consoleLines.push(`pageerror: ${error.message}`));
}

/**
 * The route's request, sent by the test runner. Redirects are the browser's to follow, as they would
 * be without the route. A GET that meets a kept-alive socket the server closed as it went out
 * (ECONNRESET: likelier now that pages load scripts when idle, seconds after their last request) is
 * asked again, as a browser asks again an idempotent request on a reused connection.
 */
async function fetchAsTheBrowserWould(route: Route): Promise<APIResponse> {
  try {
    return await route.fetch({ maxRedirects: 0 });
  } catch (error) {
    if (route.request().method() !== "GET" || !String(error).includes("ECONNRESET")) throw error;
    return route.fetch({ maxRedirects: 0 });
  }
}

function contentTypeOf(headers: { name: string; value: string }[]): string {
  return headers.find((h) => h.name.toLowerCase() === "content-type")?.value ?? "";
}

async function seen(response: Response): Promise<Seen> {
  const headers = await response.headersArray();
  const status = response.status();
  // A redirect has no body; a page's resource whose page went away before it was read has none left to scan.
  const body = status >= 300 && status < 400 ? null : await response.text().catch(() => null);
  return { url: response.url(), method: response.request().method(), status, headers, body, contentType: contentTypeOf(headers) };
}

/** Every key named `token`, however deep, in a JSON value. */
function tokenFields(value: unknown, path = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => tokenFields(item, `${path}[${index}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => [...(key.toLowerCase() === "token" ? [`${path}.${key}`] : []), ...tokenFields(inner, `${path}.${key}`)]);
}

test.describe("a whole browser session", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("from the signed-out sign-in page through every screen to sign-out: no secret in any answer, header, console line or the server's log", async ({ page, browser, playwright }) => {
    test.setTimeout(180_000);
    // Linked API lists only people already synchronized.
    await asAdmin(playwright.request, async (admin) => expect((await addPersonAndWait(admin, LENA_PROFILE_URL)).state).toBe("ready"));
    const logBefore = (await stat(APP_SERVER_LOG)).size;

    const responses: Promise<Seen>[] = [];
    const consoleLines: string[] = [];
    await watch(page, responses, consoleLines);

    // Signed out: any page sends us to sign in.
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    await signInByPage(page, E2E.admin);
    await expect(page).not.toHaveURL(/\/sign-in/);
    const cookie = (await page.context().cookies()).find((c) => SESSION_COOKIE.test(c.name));
    if (!cookie) throw new Error("signing in set no session cookie");
    const session = sessionSentinels(cookie.value);

    // Every provider's inbox, and its longest thread.
    for (const account of PROVIDER_ACCOUNTS) {
      await page.goto(`/a/${account.id}/inbox`);
      const row = page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME });
      await expect(row).toHaveCount(1, { timeout: 20_000 });
      await row.click();
      await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible({ timeout: 20_000 });
    }

    // Linked API's people panel: add someone (a sync starts).
    await page.goto(`/a/${ACCOUNTS.linkedApi}/inbox`);
    await expect(page.getByTestId("people-panel")).toBeVisible();
    await page.getByLabel("LinkedIn profile URL").fill(`https://www.linkedin.com/in/secret-scan-${Date.now()}`);
    await page.getByTestId("add-person").click();
    await expect(page.getByTestId("pending-person")).toHaveCount(1);

    // The Team page: an invitation, whose link is shown once.
    await page.goto("/team");
    const inviteCard = page.getByTestId("invite-card");
    await inviteCard.getByLabel("Their work email").fill(`secret-scan-${Date.now()}@threadline.test`);
    await inviteCard.getByRole("button", { name: "Create invitation link" }).click();
    const link = await page.getByTestId("invitation-link").getByLabel("Invitation link").inputValue();
    const invitationToken = decodeURIComponent(new URL(link).pathname.replace(/^\/join\//, ""));
    expect(invitationToken.length).toBeGreaterThanOrEqual(20);

    // The invitation, opened by the person invited: signed out, in a browser of their own.
    const invitee = await browser.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] } });
    const joinPage = await invitee.newPage();
    await watch(joinPage, responses, consoleLines);
    await joinPage.goto(link);
    await expect(joinPage.getByRole("button", { name: "Join the team" })).toBeVisible();
    // Every answer being read is read to the end before the browser goes.
    await joinPage.unrouteAll({ behavior: "wait" });
    await invitee.close();

    // Signing out ends at the sign-in page.
    await page.getByTestId("account-menu").click();
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    await page.goto("about:blank");
    await page.unrouteAll({ behavior: "wait" });

    const all = await Promise.all(responses);
    const withBody = all.filter((r) => r.body !== null);
    const createdInvitation = (r: Seen) => r.method === "POST" && new URL(r.url).pathname === "/api/team/invitations";
    const joinUrl = new URL(link).pathname;
    const general = [...allSentinels(), ...session];
    const problems: string[] = [];
    for (const response of all) {
      // The invitation's token is meant for two places only: the answer that shows the admin the link
      // once, and the join page at that very link (which posts it back). Anywhere else it is a leak.
      const tokenExpected = createdInvitation(response) || new URL(response.url).pathname === joinUrl;
      const sentinels = tokenExpected ? general : [...general, invitationToken];
      for (const { name, value } of response.headers) {
        // The one header meant to carry the session: the Set-Cookie that sets it.
        const setsSession = name.toLowerCase() === "set-cookie" && SESSION_COOKIE.test(value.split("=")[0] ?? "");
        for (const secret of setsSession ? allSentinels() : sentinels) {
          if (value.includes(secret)) problems.push(`${response.method} ${response.url}: header ${name} holds a secret`);
        }
      }
      for (const secret of sentinels) if (response.body?.includes(secret)) problems.push(`${response.method} ${response.url}: body holds a secret`);
      if (response.body !== null && response.contentType.includes("application/json")) {
        const fields = tokenFields(JSON.parse(response.body));
        if (fields.length > 0) problems.push(`${response.method} ${response.url}: JSON with ${fields.join(", ")}`);
      }
    }
    for (const line of consoleLines) {
      for (const secret of [...general, invitationToken]) if (line.includes(secret)) problems.push(`console: a secret in "${line.slice(0, 80)}…"`);
    }
    const logBytes = readFileSync(APP_SERVER_LOG);
    const log = logBytes.toString("utf8");
    const logDuringSession = logBytes.length - logBefore;
    for (const secret of [...general, invitationToken]) if (log.includes(secret)) problems.push(`${APP_SERVER_LOG} holds a secret`);

    const setCookies = all.flatMap((r) => r.headers.filter((h) => h.name.toLowerCase() === "set-cookie" && SESSION_COOKIE.test(h.value.split("=")[0] ?? "")));
    const count = (type: string) => withBody.filter((r) => r.contentType.includes(type)).length;
    console.log(
      `[secrets] browser session: ${all.length} responses, ${withBody.length} bodies scanned (${count("text/html")} HTML pages, ${count("text/x-component")} RSC payloads, ` +
        `${count("javascript")} scripts, ${count("application/json")} JSON answers, each also checked for a token field), ${all.length - withBody.length} without a body, ${consoleLines.length} console lines, ` +
        `${setCookies.length} session Set-Cookie header(s) exempted, 1 invitation answer and the join page exempted for the invitation token only; ` +
        `server log ${logBytes.length} bytes (${logDuringSession} written during the session); sentinels: ${general.length + 1}; problems: ${problems.length}`,
    );
    // Not vacuous: the scan does see a credential where one is meant to be (the link shown once, the
    // cookie being set), the session did happen, and the log was being written.
    expect(all.find(createdInvitation)?.body).toContain(invitationToken);
    expect(setCookies.some((h) => h.value.includes(cookie.value))).toBe(true);
    expect(logDuringSession).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
