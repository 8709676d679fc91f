import { expect, test, type APIRequestContext, type BrowserContext, type Cookie, type Page } from "@playwright/test";
import { z } from "zod";
import { accountsResponseSchema } from "@/lib/contracts/api";
import { invitationCreatedSchema, teamResponseSchema, viewerSchema } from "@/lib/contracts/team";
import { LONG_THREAD_LENGTH, LONG_THREAD_NAME } from "../../fake-upstream/fixture-mailbox";
import { longThreadId } from "../support/accounts";
import { ACCOUNTS, ADMIN_STATE, E2E } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";
import { expectLive } from "../support/live-control";
import { saveScreenshot } from "../support/screens";
import { ORIGIN, signInByPage } from "../support/sign-in";
import { escapeRegExp } from "../support/thread";

/**
 * Signing in, out and back, as a rep lives it: by password and through the company's OpenID
 * Connect server (tests/oidc-server, a real one in its own process), a session that ends while a
 * page is open, and an admin bringing a rep onto the team by link. Every test starts signed out.
 * These flows are the same at every size, so they run at the phone's; the Team page's size checks
 * are team-page.spec.ts, and the demo's no-sign-in test is demo.spec.ts.
 */
test.use({ storageState: { cookies: [], origins: [] } });

const BLANK = { cookies: [], origins: [] };
const LABELS = { linkupV1: "Riley · Linkup v1" } as const;
const meSchema = z.object({ viewer: viewerSchema });
const errorSchema = z.object({ error: z.object({ code: z.string() }) });

type Rep = { email: string; name: string; password: string };

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const appUrl = (path: string) => `${E2E.appUrl}${path}`;
const threadPath = (accountId: string, conversationId: string) => `/a/${accountId}/inbox/c/${encodeURIComponent(conversationId)}`;
const isSessionCookie = (cookie: Cookie) => cookie.name.endsWith("better-auth.session_token");

/** The URL sign-in sends a signed-out visitor of `path` to: /sign-in?next=<path>. */
function isSignInFor(path: string | null) {
  return (url: URL) => url.origin === E2E.appUrl && url.pathname === "/sign-in" && url.searchParams.get("next") === path;
}

async function sessionCookieOf(context: BrowserContext): Promise<Cookie> {
  const cookie = (await context.cookies(E2E.appUrl)).find(isSessionCookie);
  if (!cookie) throw new Error("the browser holds no session cookie");
  return cookie;
}

async function accountIdsSeenBy(request: APIRequestContext, baseURL = E2E.appUrl): Promise<string[]> {
  const response = await request.get(`${baseURL}/api/accounts`);
  expect(response.status(), await response.text()).toBe(200);
  return accountsResponseSchema.parse(await response.json()).accounts.map((account) => account.id);
}

async function statusOf(request: APIRequestContext, path: string): Promise<{ status: number; code: string | undefined }> {
  const response = await request.get(appUrl(path));
  const body = errorSchema.safeParse(await response.json().catch(() => undefined));
  return { status: response.status(), code: body.data?.error.code };
}

async function team(admin: APIRequestContext) {
  const response = await admin.get("/api/team");
  expect(response.status(), await response.text()).toBe(200);
  return teamResponseSchema.parse(await response.json());
}

/** Takes a person off the team, with any pending invitation: they start as a stranger. */
async function forget(admin: APIRequestContext, email: string): Promise<void> {
  const { members, invitations } = await team(admin);
  const gone = [...members.filter((m) => m.email === email).map((m) => `/api/team/members/${m.id}`), ...invitations.filter((i) => i.email === email).map((i) => `/api/team/invitations/${i.id}`)];
  for (const path of gone) {
    // Every state-changing request carries a JSON object, a DELETE too (lib/server/api-route.ts).
    const response = await admin.delete(path, { data: {} });
    expect(response.status(), await response.text()).toBe(200);
  }
}

async function inviteByApi(admin: APIRequestContext, email: string, accountIds: string[]): Promise<string> {
  const response = await admin.post("/api/team/invitations", { data: { email, role: "rep", accountIds } });
  expect(response.status(), await response.text()).toBe(201);
  return invitationCreatedSchema.parse(await response.json()).link;
}

/**
 * A rep made as the app makes them: the admin's invitation, redeemed with a password by a
 * signed-out client, which comes away signed in (POST /api/join sets the session cookie). Given a
 * browser context's `request`, that browser is signed in as the new rep, without a sign-in call:
 * Better Auth allows 30 password sign-ins per client address until a minute passes with none
 * (its database limiter counts from the last request), and this file keeps well under that.
 */
async function joinAsNewRep(admin: APIRequestContext, client: APIRequestContext, accountIds: string[]): Promise<Rep> {
  const person = { email: `rep-${unique()}@threadline.test`, name: "Remy Rep", password: `rep-password-${unique()}` };
  const link = await inviteByApi(admin, person.email, accountIds);
  const token = new URL(link).pathname.split("/").pop() ?? "";
  const joined = await client.post(appUrl("/api/join"), { data: { token, name: person.name, password: person.password } });
  expect(joined.status(), await joined.text()).toBe(201);
  made.push(person.email);
  expect((await team(admin)).members.map((m) => m.email)).toContain(person.email);
  return person;
}

/** The sign-in page's form, once it is live. */
async function signInOnPage(page: Page, person: { email: string; password: string }): Promise<void> {
  await expectLive(page.getByRole("button", { name: "Sign in", exact: true }));
  await signInByPage(page, person);
}

/** Open the thread's page and see it: its participant in the header, its newest message. */
async function expectThreadOpen(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { name: LONG_THREAD_NAME })).toBeVisible();
  await expect(page.getByTestId("thread-view").getByTestId("message").filter({ hasText: `${LONG_THREAD_NAME} message ${LONG_THREAD_LENGTH} of ${LONG_THREAD_LENGTH}` })).toBeVisible();
}

let admin: APIRequestContext;
/** A password rep with the Linkup v2 account, made once for the file. */
let rep: Rep;
/** Everyone this file put on the team, taken off it after. */
const made: string[] = [];
/** The long thread of the Linkup v2 account, and its page. */
let deepPath: string;

test.beforeAll(async ({ playwright }) => {
  admin = await playwright.request.newContext({ baseURL: E2E.appUrl, storageState: ADMIN_STATE });
  const stranger = await playwright.request.newContext({ baseURL: E2E.appUrl, storageState: BLANK });
  rep = await joinAsNewRep(admin, stranger, [ACCOUNTS.linkupV2]);
  await stranger.dispose();
  await fakeUpstream(admin).reset();
  deepPath = threadPath(ACCOUNTS.linkupV2, await longThreadId(admin, ACCOUNTS.linkupV2));
});

test.afterAll(async () => {
  for (const email of made.splice(0)) await forget(admin, email);
  await admin.dispose();
});

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("a deep link signed out → sign-in → wrong password stays → right one lands on exactly that thread; the session cookie is out of scripts' reach", async ({ page, context }, testInfo) => {
  await page.goto(deepPath);
  await expect(page).toHaveURL(isSignInFor(deepPath));
  await expect(page.getByRole("heading", { name: "Sign in to Threadline" })).toBeVisible();
  await saveScreenshot(page, testInfo, "sign-in");

  await signInOnPage(page, { email: rep.email, password: `${rep.password}-wrong` });
  await expect(page.getByTestId("form-error")).toHaveText("That email and password don't match. Check them and try again.");
  await expect(page).toHaveURL(isSignInFor(deepPath));
  expect((await context.cookies(E2E.appUrl)).filter(isSessionCookie)).toEqual([]);

  await signInOnPage(page, rep);
  await expect(page).toHaveURL(appUrl(deepPath));
  await expectThreadOpen(page);

  const cookie = await sessionCookieOf(context);
  expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
  // A 7-day session, renewed as it is used: it has an end, in about a week.
  const days = (cookie.expires - Date.now() / 1000) / 86_400;
  expect(days).toBeGreaterThan(6.9);
  expect(days).toBeLessThan(7.1);
  const scriptCookies = await page.evaluate(() => document.cookie);
  expect(scriptCookies).not.toContain("session_token");
  expect(scriptCookies).not.toContain(cookie.value);
});

test("SSO: an invited person signs in at the company's OpenID Connect server and sees only their account", async ({ page }) => {
  const [sam] = E2E.ssoUsers;
  await forget(admin, sam.email);
  await inviteByApi(admin, sam.email, [ACCOUNTS.connectSafely]);

  await page.goto("/sign-in");
  await expectLive(page.getByTestId("sso-sign-in"));
  await page.getByTestId("sso-sign-in").click();
  // The company's own login page, on its own server: not ours, not a mock.
  await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(E2E.oidcUrl)}/interaction/[^/]+$`));
  await expect(page.getByRole("heading", { name: "Company SSO" })).toBeVisible();
  await page.getByLabel("Email").fill(sam.email);
  await page.getByLabel("Password").fill(sam.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL(appUrl(`/a/${ACCOUNTS.connectSafely}/inbox`));
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  // One account: no account switcher to pick another from.
  await expect(page.getByRole("combobox", { name: "Account", exact: true })).toHaveCount(0);
  expect(await accountIdsSeenBy(page.request)).toEqual([ACCOUNTS.connectSafely]);
  const me = meSchema.parse(await (await page.request.get("/api/me")).json());
  expect(me.viewer).toEqual({ kind: "member", name: sam.name, email: sam.email, isAdmin: false });
  expect(await statusOf(page.request, `/api/accounts/${ACCOUNTS.linkupV2}/conversations`)).toEqual({ status: 404, code: "not_found" });
});

test("SSO: a person the company knows but the team does not is turned back at sign-in, with no session", async ({ page, context }) => {
  const olga = E2E.ssoUsers[1];
  await forget(admin, olga.email);

  await page.goto("/sign-in");
  await expectLive(page.getByTestId("sso-sign-in"));
  await page.getByTestId("sso-sign-in").click();
  await expect(page).toHaveURL(new RegExp(`^${escapeRegExp(E2E.oidcUrl)}/interaction/[^/]+$`));
  await page.getByLabel("Email").fill(olga.email);
  await page.getByLabel("Password").fill(olga.password);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page).toHaveURL((url) => url.origin === E2E.appUrl && url.pathname === "/sign-in");
  await expect(page.getByTestId("form-error")).toContainText("isn't on this team yet");
  expect((await context.cookies(E2E.appUrl)).filter(isSessionCookie)).toEqual([]);
  expect((await statusOf(page.request, "/api/me")).status).toBe(401);
  expect((await team(admin)).members.map((m) => m.email)).not.toContain(olga.email);
});

test("sign out ends the session on the server; back does not bring the inbox back", async ({ page, context, playwright }) => {
  await joinAsNewRep(admin, context.request, [ACCOUNTS.linkupV2]);
  await page.goto(`/a/${ACCOUNTS.linkupV2}/inbox`);
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  const cookie = await sessionCookieOf(context);

  await expectLive(page.getByTestId("account-menu"));
  await page.getByTestId("account-menu").click();
  await expect(page.getByTestId("team-link")).toHaveCount(0); // a rep has no Team page
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(appUrl("/sign-in"));
  await expectLive(page.getByRole("button", { name: "Sign in", exact: true }));
  expect((await context.cookies(E2E.appUrl)).filter(isSessionCookie)).toEqual([]);

  // The cookie a thief might have kept is worth nothing: its session is gone from the database.
  const replay = await playwright.request.newContext({ baseURL: E2E.appUrl, storageState: BLANK, extraHTTPHeaders: { cookie: `${cookie.name}=${cookie.value}` } });
  expect(await statusOf(replay, "/api/accounts")).toEqual({ status: 401, code: "unauthenticated" });
  await replay.dispose();

  // Back asks the server again (no page from memory), which sends it to sign-in.
  const inbox = appUrl(`/a/${ACCOUNTS.linkupV2}/inbox`);
  const redirected = page.waitForResponse((response) => response.url() === inbox);
  await page.goBack();
  expect((await redirected).status()).toBe(307);
  await expect(page).toHaveURL(isSignInFor(`/a/${ACCOUNTS.linkupV2}/inbox`));
  await expect(page.getByTestId("conversation-row")).toHaveCount(0);
});

test("a session that ends while a thread is open: the next poll sends the rep to sign-in, and back to that thread after", async ({ page, context, playwright }) => {
  const reader = await joinAsNewRep(admin, context.request, [ACCOUNTS.linkupV2]);
  await page.goto(deepPath);
  await expectThreadOpen(page);

  // End this session on the server, from elsewhere (as a sign-out on another device or an expiry would).
  const cookie = await sessionCookieOf(context);
  // Nothing is clicked after this: the open page's own poll finds out (every few seconds: the fixture inbox is live).
  const refused = page.waitForResponse((response) => response.url().startsWith(appUrl("/api/")) && response.status() === 401, { timeout: 20_000 });
  const elsewhere = await playwright.request.newContext({ baseURL: E2E.appUrl, storageState: BLANK, extraHTTPHeaders: { cookie: `${cookie.name}=${cookie.value}` } });
  const signedOut = await elsewhere.post("/api/auth/sign-out", { data: {}, headers: ORIGIN });
  expect(signedOut.status(), await signedOut.text()).toBe(200);
  await elsewhere.dispose();

  await refused;
  await expect(page).toHaveURL(isSignInFor(deepPath), { timeout: 20_000 });

  await signInOnPage(page, reader);
  await expect(page).toHaveURL(appUrl(deepPath));
  await expectThreadOpen(page);
});

test("an account taken from a rep while its thread is open: the next poll says so, the thread goes, and the rep is pointed to what they still have", async ({ page, context }) => {
  const reader = await joinAsNewRep(admin, context.request, [ACCOUNTS.linkupV2, ACCOUNTS.linkupV1]);
  await page.goto(deepPath);
  await expectThreadOpen(page);
  await expect(page.getByTestId("composer")).toBeVisible();

  const member = (await team(admin)).members.find((m) => m.email === reader.email);
  if (!member) throw new Error("the rep is not on the team");
  const refused = page.waitForResponse((response) => response.url().startsWith(appUrl(`/api/accounts/${ACCOUNTS.linkupV2}/`)) && response.status() === 404, { timeout: 30_000 });
  const unassigned = await admin.put(`/api/team/members/${member.id}/accounts`, { data: { accountIds: [ACCOUNTS.linkupV1] } });
  expect(unassigned.status(), await unassigned.text()).toBe(200);

  // Nothing is clicked: the open page's own poll is refused, and the page asks which accounts are left.
  await refused;
  await expect(page.getByRole("heading", { name: "Account not found" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("no longer yours to read")).toBeVisible();
  // The thread, its reply box and its pollers are gone, not left sending into a refusal.
  await expect(page.getByTestId("thread-view")).toHaveCount(0);
  await expect(page.getByTestId("composer")).toHaveCount(0);
  await page.getByRole("link", { name: "Go to your inbox" }).click();
  await expect(page).toHaveURL(appUrl(`/a/${ACCOUNTS.linkupV1}/inbox`));
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  // One account left: no account switcher offering the lost one.
  await expect(page.getByRole("combobox", { name: "Account", exact: true })).toHaveCount(0);
});

test("an admin invites a rep on the Team page; the rep joins by the link, reads only that account, and loses it when the admin says so", async ({ page, browser }, testInfo) => {
  const email = `rep-ui-${unique()}@threadline.test`;
  const password = `rep-ui-password-${unique()}`;

  // The admin signs in through the page and opens the Team page from the account menu.
  await page.goto("/");
  await expect(page).toHaveURL(appUrl("/sign-in"));
  await signInOnPage(page, E2E.admin);
  await expect(page).toHaveURL(appUrl(`/a/${ACCOUNTS.linkupV2}/inbox`));
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  await expectLive(page.getByTestId("account-menu"));
  await page.getByTestId("account-menu").click();
  await page.getByTestId("team-link").click();
  await expect(page).toHaveURL(appUrl("/team"));

  const inviteCard = page.getByTestId("invite-card");
  await inviteCard.getByLabel("Their work email").fill(email);
  await expect(inviteCard.getByLabel("Role")).toHaveValue("rep");
  await inviteCard.getByRole("checkbox", { name: LABELS.linkupV1 }).check();
  await inviteCard.getByRole("button", { name: "Create invitation link" }).click();
  const linkInput = inviteCard.getByLabel("Invitation link");
  await expect(linkInput).toHaveValue(new RegExp(`^${escapeRegExp(E2E.appUrl)}/join/[A-Za-z0-9_-]{20,}$`));
  const link = await linkInput.inputValue();
  await saveScreenshot(page, testInfo, "team");

  // The rep, in a browser of their own, signed out, opens the link and joins.
  const repContext = await browser.newContext({ storageState: BLANK });
  const strangerContext = await browser.newContext({ storageState: BLANK });
  try {
    const repPage = await repContext.newPage();
    await repPage.goto(link);
    await expect(repPage.getByRole("heading", { name: "Join your team on Threadline" })).toBeVisible();
    await expect(repPage.getByLabel("Email", { exact: true })).toHaveValue(email);
    await saveScreenshot(repPage, testInfo, "join");
    await repPage.getByLabel("Your name").fill("Uma Invited");
    // The hint ("At least 10 characters.") is inside the label, so it is part of the name.
    await repPage.getByLabel(/^Password(?! again)/).fill(password);
    await repPage.getByLabel("Password again").fill(password);
    await expectLive(repPage.getByRole("button", { name: "Join the team" }));
    await repPage.getByRole("button", { name: "Join the team" }).click();

    // In, on the one account they were given, and nothing else.
    await expect(repPage).toHaveURL(appUrl(`/a/${ACCOUNTS.linkupV1}/inbox`));
    await expect(repPage.getByTestId("conversation-row").first()).toBeVisible();
    await expect(repPage.getByRole("combobox", { name: "Account", exact: true })).toHaveCount(0);
    expect(await accountIdsSeenBy(repPage.request)).toEqual([ACCOUNTS.linkupV1]);
    expect(await statusOf(repPage.request, `/api/accounts/${ACCOUNTS.linkupV2}/conversations`)).toEqual({ status: 404, code: "not_found" });
    const otherInbox = await repPage.goto(`/a/${ACCOUNTS.linkupV2}/inbox`);
    expect(otherInbox?.status()).toBe(404);
    await expect(repPage.getByRole("heading", { name: "This page doesn't exist" })).toBeVisible();
    await expect(repPage.getByTestId("conversation-row")).toHaveCount(0);

    // The link worked once.
    const again = await strangerContext.newPage();
    await again.goto(link);
    await expect(again.getByRole("heading", { name: "This invitation can't be used" })).toBeVisible();
    await expect(again.getByLabel("Your name")).toHaveCount(0);

    // The admin sees them on the team with that account, and takes it away.
    await page.reload();
    const member = page.getByTestId("member").filter({ hasText: email });
    await expect(member).toContainText("Uma Invited");
    const linkupV1 = member.getByRole("checkbox", { name: LABELS.linkupV1 });
    await expect(linkupV1).toBeChecked();
    await expect(member.getByRole("checkbox", { checked: true })).toHaveCount(1);
    const unassigned = page.waitForResponse((r) => r.request().method() === "PUT" && r.url().endsWith("/accounts"));
    // The box shows the server's answer (no optimistic tick): click, then wait for the team to reload.
    await linkupV1.click();
    expect((await unassigned).status()).toBe(200);
    await expect(linkupV1).not.toBeChecked();
    // The box keeps focus through the save (a disabled box would have dropped it to the page).
    await expect(linkupV1).toBeFocused();

    // It takes effect on the rep's very next request.
    const reloaded = await repPage.goto(`/a/${ACCOUNTS.linkupV1}/inbox`);
    expect(reloaded?.status()).toBe(404);
    await expect(repPage.getByRole("heading", { name: "This page doesn't exist" })).toBeVisible();
    expect(await accountIdsSeenBy(repPage.request)).toEqual([]);

    // Removing them signs them out at once.
    const removed = page.waitForResponse((r) => r.request().method() === "DELETE" && r.url().includes("/api/team/members/"));
    // Each member's button names them; the confirmation takes focus on its safe choice, and Cancel gives it back.
    const removeButton = member.getByRole("button", { name: "Remove from team: Uma Invited" });
    await removeButton.click();
    await expect(member.getByRole("button", { name: "Cancel" })).toBeFocused();
    await member.getByRole("button", { name: "Cancel" }).click();
    await expect(removeButton).toBeFocused();
    await removeButton.click();
    await member.getByTestId("confirm-remove").click();
    expect((await removed).status()).toBe(200);
    await expect(page.getByTestId("member").filter({ hasText: email })).toHaveCount(0);
    expect(await statusOf(repPage.request, "/api/me")).toEqual({ status: 401, code: "unauthenticated" });
    await repPage.reload();
    await expect(repPage).toHaveURL(isSignInFor(`/a/${ACCOUNTS.linkupV1}/inbox`));
  } finally {
    await repContext.close();
    await strangerContext.close();
  }
});
