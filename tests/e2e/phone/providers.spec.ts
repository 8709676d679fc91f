import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createFixtureMailbox, LONG_THREAD_LENGTH, LONG_THREAD_NAME } from "../../fake-upstream/fixture-mailbox";
import { addPersonAndWait, clearPeople, LENA_PROFILE_URL } from "../support/accounts";
import { ACCOUNTS, ADMIN_STATE, E2E } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";
import { expectLive } from "../support/live-control";
import { hasNoHorizontalScroll, saveScreenshot } from "../support/screens";
import { loadedMessageCount, scrollThreadToTop, waitForInboxPolls } from "../support/thread";

/**
 * The core journey on every provider beside Linkup v2 (journey.spec.ts, at both sizes): inbox → thread →
 * older → a new message once. Providers differ on the server, not by screen size, so these run at the
 * phone's size; the account switcher, whose place does differ by size, is in journey.spec.ts.
 */
const newestText = `${LONG_THREAD_NAME} message ${LONG_THREAD_LENGTH} of ${LONG_THREAD_LENGTH}`;

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
  await clearPeople(request);
});

/**
 * How a new message reaches the app: Linkup is polled (the message simply arrives at the provider);
 * ConnectSafely and Linked API have webhooks registered here, so the provider delivers one.
 */
type Arrival = (request: APIRequestContext, fixtureId: string, text: string) => Promise<unknown>;
const polled: Arrival = (request, fixtureId, text) => fakeUpstream(request).addMessage(fixtureId, text);
const pushedByConnectSafely: Arrival = (request, fixtureId, text) =>
  fakeUpstream(request).deliverWebhook({ provider: "connectsafely", appUrl: E2E.appUrl, accountId: ACCOUNTS.connectSafely, secret: E2E.connectSafelyWebhookSecret, conversationId: fixtureId, text });
const pushedByLinkedApi: Arrival = (request, _fixtureId, text) =>
  fakeUpstream(request).deliverWebhook({ provider: "linkedapi", appUrl: E2E.appUrl, accountId: ACCOUNTS.linkedApi, secret: E2E.linkedApiWebhookSecret, personUrl: LENA_PROFILE_URL, text });

/** From an inbox showing Lena's row: open the thread, load older messages, see a new one arrive once. */
async function readLongThread(page: Page, request: APIRequestContext, label: string, arrive: Arrival): Promise<void> {
  const upstream = fakeUpstream(request);
  const [fixtureId] = await upstream.conversationIds();
  await page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME }).click();
  const thread = page.getByTestId("thread-view");
  const messages = thread.getByTestId("message");
  await expect(messages.filter({ hasText: newestText })).toBeInViewport();

  const loaded = await loadedMessageCount(page);
  await scrollThreadToTop(page);
  await expect.poll(() => loadedMessageCount(page), { timeout: 15_000 }).toBeGreaterThan(loaded);
  await expect(messages.filter({ hasText: `${LONG_THREAD_NAME} message ${LONG_THREAD_LENGTH - loaded} of ${LONG_THREAD_LENGTH}` })).toHaveCount(1);

  await arrive(request, fixtureId!, `${label}: the signed order form`);
  const fresh = messages.filter({ hasText: `${label}: the signed order form` });
  // The reader is up in the history, and only rows near the viewport are rendered: the pill
  // announces the new message and brings it into view.
  await page.getByTestId("new-messages-pill").click({ timeout: 20_000 });
  await expect(fresh).toHaveCount(1);
  await expect(fresh).toBeInViewport();
  await waitForInboxPolls(page, 2); // two more polls: still exactly once
  await expect(fresh).toHaveCount(1);
  await expect.poll(() => hasNoHorizontalScroll(page)).toBe(true);
}

test("Linkup v1: every category, then the core journey", async ({ page, request }, testInfo) => {
  await page.goto(`/a/${ACCOUNTS.linkupV1}/inbox`);
  await expect(page.getByTestId("conversation-row").first()).toContainText(LONG_THREAD_NAME);
  await expect(page.getByTestId("category-tab")).toHaveCount(5);
  await expect(page.getByTestId("categories-note")).toHaveCount(0);
  await page.getByTestId("category-tab").filter({ hasText: "Starred" }).click();
  await expect(page).toHaveURL(/\/starred$/);
  await expect(page.getByTestId("conversation-list")).toHaveAttribute("data-conversation-count", String(createFixtureMailbox(Date.now()).mailbox.conversations("STARRED").length));
  await page.getByTestId("category-tab").filter({ hasText: "Inbox" }).click();
  // Lena is starred too: until the inbox has replaced the starred list, a tap would land on a row on its way out.
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME })).toHaveAttribute("href", /\/inbox\/c\//);
  await readLongThread(page, request, "Linkup v1", polled);
  await saveScreenshot(page, testInfo, "linkup-v1-thread");
});

test("ConnectSafely: only the filters it has, attachments and reactions in the thread, then the core journey", async ({ page, request }, testInfo) => {
  await page.goto(`/a/${ACCOUNTS.connectSafely}/inbox`);
  const rows = page.getByTestId("conversation-row");
  await expect(rows.first()).toContainText(LONG_THREAD_NAME);
  await expect(page.getByTestId("category-tab")).toHaveText(["Inbox", "Unread"]);
  // Said in full beside the two chips, not cut off at the row's edge.
  await expect(page.getByTestId("categories-note")).toBeInViewport({ ratio: 1 });
  // The rep wrote last to Noah Okafor: "You:" on the first page too (its rows name the sender only).
  await expect(rows.filter({ hasText: "Noah Okafor" }).getByTestId("conversation-preview")).toContainText("You:");
  await page.getByTestId("category-tab").filter({ hasText: "Unread" }).click();
  await expect(page.getByTestId("conversation-list")).toHaveAttribute("data-conversation-count", String(createFixtureMailbox(Date.now()).mailbox.conversations("UNREAD").length));
  // A link to a filter this provider lacks is explained, not faked.
  await page.goto(`/a/${ACCOUNTS.connectSafely}/starred`);
  await expect(page.getByText("Starred isn't available")).toBeVisible();
  await page.goto(`/a/${ACCOUNTS.connectSafely}/inbox`);
  await readLongThread(page, request, "ConnectSafely", pushedByConnectSafely);
  const thread = page.getByTestId("thread-view");
  await expect(thread.getByRole("list", { name: "Attachments" }).first()).toBeAttached();
  await expect(thread.getByRole("list", { name: "Reactions" }).first()).toBeAttached();
  await saveScreenshot(page, testInfo, "connectsafely-thread");
});

test("Linked API: add a person, watch the sync, read the thread; the list is the same in a second browser", async ({ page, request, browser }, testInfo) => {
  await page.goto(`/a/${ACCOUNTS.linkedApi}/inbox`);
  const panel = page.getByTestId("people-panel");
  await expect(panel).toBeVisible();
  await expect(page.getByTestId("category-tab")).toHaveText(["Inbox"]);
  await expect(page.getByText("Add a LinkedIn profile above")).toBeVisible();

  // Not a LinkedIn profile: said at once, nothing sent.
  const input = panel.getByLabel("LinkedIn profile URL");
  await input.fill("https://example.com/in/someone");
  await panel.getByTestId("add-person").click();
  await expect(panel.getByRole("alert")).toContainText("LinkedIn profile");

  // Someone LinkedIn does not know: the sync fails and says so.
  await input.fill("linkedin.com/in/nobody-at-all-404");
  await panel.getByTestId("add-person").click();
  const nobody = panel.getByTestId("pending-person").filter({ hasText: "Nobody At All" });
  await expect(nobody).toHaveAttribute("data-state", "failed", { timeout: 20_000 });

  // Lena: syncing, then her conversation joins the list.
  await input.fill(LENA_PROFILE_URL);
  await panel.getByTestId("add-person").click();
  const lena = panel.getByTestId("pending-person").filter({ hasText: LONG_THREAD_NAME });
  await expect(lena).toHaveAttribute("data-state", "syncing");
  await expect(lena.getByTestId("sync-state")).toContainText("Synchronizing");
  await saveScreenshot(page, testInfo, "linkedapi-syncing");
  await expect(lena).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME })).toHaveCount(1);
  await readLongThread(page, request, "Linked API", pushedByLinkedApi);
  await saveScreenshot(page, testInfo, "linkedapi-thread");

  // Another device: the same people, the same states (they live in the database, not the browser).
  const laptop = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState: ADMIN_STATE });
  try {
    const second = await laptop.newPage();
    await second.goto(`${E2E.appUrl}/a/${ACCOUNTS.linkedApi}/inbox`);
    await expect(second.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME })).toHaveCount(1);
    await expect(second.getByTestId("pending-person").filter({ hasText: "Nobody At All" })).toHaveAttribute("data-state", "failed");
  } finally {
    await laptop.close();
  }
});

test("Linked API: a lapsed sync is shown as not synchronized, and syncing again brings the thread back", async ({ page, request }) => {
  await page.goto(`/a/${ACCOUNTS.linkedApi}/inbox`);
  const panel = page.getByTestId("people-panel");
  await panel.getByLabel("LinkedIn profile URL").fill(LENA_PROFILE_URL);
  await panel.getByTestId("add-person").click();
  const row = page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME });
  await expect(row).toHaveCount(1, { timeout: 20_000 });

  await request.post(`${E2E.fakeUpstreamUrl}/__control/linkedapi/expire`, { data: { personUrl: LENA_PROFILE_URL } });
  await row.click();
  await expect(page.getByTestId("thread-view").getByText("Not synchronized")).toBeVisible({ timeout: 20_000 });

  await page.goto(`/a/${ACCOUNTS.linkedApi}/inbox`);
  const lena = panel.getByTestId("pending-person").filter({ hasText: LONG_THREAD_NAME });
  await expect(lena).toHaveAttribute("data-state", "failed");
  await lena.getByRole("button", { name: "Sync again" }).click();
  await expect(lena).toHaveCount(0, { timeout: 20_000 });
  await page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME }).click();
  await expect(page.getByTestId("thread-view").getByTestId("message").filter({ hasText: newestText })).toBeVisible();
});

test("Linked API: people that failed to load say why, with a Retry that brings them back; many people do not push the inbox off a phone's screen", async ({ page, request }) => {
  const fake = fakeUpstream(request);
  await clearPeople(request);
  try {
    // Eight people LinkedIn does not know: each sync fails, and each stays in the panel's list to act on.
    for (let n = 1; n <= 8; n++) await addPersonAndWait(request, `https://www.linkedin.com/in/nobody-panel-${n}`);
    await page.goto(`/a/${ACCOUNTS.linkedApi}/inbox`);
    const panel = page.getByTestId("people-panel");
    await expect(panel.getByTestId("pending-person")).toHaveCount(8);
    await expect(page.getByText("Add a LinkedIn profile above")).toBeInViewport();
    await expect(page.getByTestId("category-tab")).toBeInViewport();

    // Lena's sync result is asked for while the provider refuses our credentials: the list stops polling
    // (waiting will not fix that) and says why; once it is fixed, Retry brings the list back.
    await fake.fail({ action: "la:result", status: 401, times: 50 });
    const add = panel.getByTestId("add-person");
    await expectLive(add);
    await panel.getByLabel("LinkedIn profile URL").fill(LENA_PROFILE_URL);
    await add.click();
    const error = panel.getByTestId("people-error");
    await expect(error).toContainText("LinkedIn connection lost", { timeout: 20_000 });
    await fake.clearFaults();
    await panel.getByTestId("retry-button").click();
    await expect(error).toHaveCount(0);
    await expect(panel.getByTestId("pending-person")).toHaveCount(8, { timeout: 20_000 });
    await expect(page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME })).toHaveCount(1, { timeout: 20_000 });
  } finally {
    await fake.clearFaults();
    await clearPeople(request);
  }
});
