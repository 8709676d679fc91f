import { expect, test } from "@playwright/test";
import { createFixtureMailbox, LONG_THREAD_LENGTH, LONG_THREAD_NAME } from "../fake-upstream/fixture-mailbox";
import { ACCOUNTS } from "./support/env";
import { fakeUpstream } from "./support/fake-upstream";
import { hasNoHorizontalScroll, saveScreenshot } from "./support/screens";
import { cssEscape, escapeRegExp, isPhone, loadedMessageCount, scrollThreadToTop, waitForInboxPolls } from "./support/thread";
const messageText = (n: number) => `${LONG_THREAD_NAME} message ${n} of ${LONG_THREAD_LENGTH}`;

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("inbox → category → second page → thread → older messages → a new message once → back", async ({ page, request }, testInfo) => {
  const upstream = fakeUpstream(request);
  const [longThreadId] = await upstream.conversationIds();

  await page.goto("/");
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);
  const rows = page.getByTestId("conversation-row");
  await expect(rows.first()).toContainText(LONG_THREAD_NAME);
  await expect(page.getByTestId("demo-badge")).toHaveCount(0);
  await expect.poll(() => hasNoHorizontalScroll(page)).toBe(true);
  await saveScreenshot(page, testInfo, "inbox");

  // The inbox loads its second page as you scroll (it renders only the rows near the viewport:
  // what it has loaded is the list's count).
  const loaded = () => page.getByTestId("conversation-list").getAttribute("data-conversation-count").then(Number);
  const firstPageCount = await loaded();
  expect(firstPageCount).toBeGreaterThanOrEqual(10);
  await page.getByTestId("inbox-list").evaluate((list) => list.scrollTo(0, list.scrollHeight));
  await expect.poll(loaded).toBeGreaterThan(firstPageCount);

  // Category tabs filter, and the URL says which.
  const unreadExpected = createFixtureMailbox(Date.now()).mailbox.conversations("UNREAD").length;
  await page.getByTestId("category-tab").filter({ hasText: "Unread" }).click();
  await expect(page).toHaveURL(/\/a\/linkup\/unread$/);
  await expect(page.getByTestId("conversation-list")).toHaveAttribute("data-conversation-count", String(unreadExpected));
  await page.getByTestId("category-tab").filter({ hasText: "Inbox" }).click();
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);

  // Open the long thread: it opens at the newest message.
  await rows.filter({ hasText: LONG_THREAD_NAME }).click();
  await expect(page).toHaveURL(new RegExp(`/a/linkup/inbox/c/${escapeRegExp(encodeURIComponent(longThreadId!))}$`));
  const thread = page.getByTestId("thread-view");
  await expect(thread.getByTestId("message").filter({ hasText: messageText(LONG_THREAD_LENGTH) })).toBeInViewport();
  if (isPhone(page)) await expect(page.getByTestId("inbox-list")).toBeHidden();
  await expect.poll(() => hasNoHorizontalScroll(page)).toBe(true);
  await saveScreenshot(page, testInfo, "thread");

  // A new message arrives while the rep reads at the bottom: it scrolls into view, exactly once.
  await upstream.addMessage(longThreadId!, "Just landed: the signed order form ✍️");
  const fresh = thread.getByTestId("message").filter({ hasText: "Just landed: the signed order form" });
  await expect(fresh).toHaveCount(1, { timeout: 15_000 });
  await expect(fresh).toBeInViewport();
  await waitForInboxPolls(page, 2); // two more polls: still exactly once
  await expect(fresh).toHaveCount(1);

  // Scrolling up loads older pages by cursor, and the message being read stays put.
  const messages = thread.getByTestId("message");
  const loadedBefore = await loadedMessageCount(page);
  // The oldest message loaded, which the top of the list shows (the count includes the one that just landed).
  const anchor = messages.filter({ hasText: messageText(LONG_THREAD_LENGTH - loadedBefore + 2) });
  await scrollThreadToTop(page);
  await expect(anchor).toBeInViewport();
  await expect.poll(() => loadedMessageCount(page), { timeout: 15_000 }).toBeGreaterThan(loadedBefore);
  await expect(anchor).toBeInViewport();
  await expect(thread.getByTestId("message").filter({ hasText: messageText(LONG_THREAD_LENGTH - loadedBefore) })).toHaveCount(1);

  // Away from the bottom, a new message shows a pill instead of yanking the view.
  await upstream.addMessage(longThreadId!, "Quick question about the rollout dates");
  const pill = page.getByTestId("new-messages-pill");
  await expect(pill).toBeVisible({ timeout: 15_000 });
  await pill.click();
  await expect(thread.getByTestId("message").filter({ hasText: "Quick question about the rollout dates" })).toBeInViewport();

  // Browser back returns to the inbox.
  await page.goBack();
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);
  await expect(page.getByTestId("inbox-list")).toBeVisible();
  await expect(rows.first()).toBeVisible();
});

test("a shared thread URL opens directly, and reload keeps category and conversation", async ({ page, request }) => {
  const ids = await fakeUpstream(request).conversationIds();
  const target = ids[4]!;
  const url = `/a/linkup/starred/c/${encodeURIComponent(target)}`;
  await page.goto(url);
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  const tab = page.getByTestId("category-tab").filter({ hasText: "Starred" });
  if (!isPhone(page)) await expect(tab).toHaveAttribute("aria-current", /page|true/);
});

test("the inbox's first page refreshes by itself: a new conversation activity moves to the top", async ({ page, request }) => {
  const upstream = fakeUpstream(request);
  const ids = await upstream.conversationIds();
  await page.goto("/a/linkup/inbox");
  const rows = page.getByTestId("conversation-row");
  await expect(rows.first()).toContainText(LONG_THREAD_NAME);
  const quietId = ids[12]!;
  await upstream.addMessage(quietId, "Are you free for a call on Thursday?");
  await expect(rows.first()).toHaveAttribute("data-conversation-id", quietId, { timeout: 15_000 });
  await expect(rows.first()).toContainText("Are you free for a call on Thursday?");
  await expect(page.locator(`[data-testid="conversation-row"][data-conversation-id="${cssEscape(quietId)}"]`)).toHaveCount(1);
});

test("a provider failure shows an error with Retry, and Retry recovers without a reload", async ({ page, request }) => {
  const upstream = fakeUpstream(request);
  await upstream.fail({ action: "list_inbox", status: 503, times: 1_000 });
  await page.goto("/a/linkup/inbox");
  const error = page.getByTestId("error-state");
  await expect(error).toBeVisible({ timeout: 30_000 });
  await expect(error).toContainText(/Linkup|provider|trouble/i);
  await upstream.clearFaults();
  await page.getByTestId("retry-button").click();
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  await expect(error).toHaveCount(0);
});

test("two accounts on two providers in one session: the switcher changes account, the URL follows, back returns", async ({ page }) => {
  await page.goto(`/a/${ACCOUNTS.linkupV2}/inbox`);
  await expect(page.getByTestId("conversation-row").first()).toContainText(LONG_THREAD_NAME);
  await page.getByLabel("Account").selectOption({ label: "Riley · ConnectSafely" });
  await expect(page).toHaveURL(new RegExp(`/a/${ACCOUNTS.connectSafely}/inbox$`));
  await expect(page.getByTestId("category-tab")).toHaveText(["Inbox", "Unread"]);
  const row = page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME });
  await row.click();
  await expect(page.getByTestId("thread-view").getByTestId("message").filter({ hasText: messageText(LONG_THREAD_LENGTH) })).toBeVisible();
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/a/${ACCOUNTS.linkupV2}/inbox$`));
  await expect(page.getByTestId("category-tab")).toHaveCount(5);
  await expect(page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME })).toHaveCount(1);
});
