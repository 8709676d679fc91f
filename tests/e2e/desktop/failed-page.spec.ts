import { expect, test } from "@playwright/test";
import { FIRST_READ_RETRY_MS } from "@/lib/client/queries";
import { fakeUpstream } from "../support/fake-upstream";
import { openLoadedThread } from "../support/fault-screens";
import { loadedMessageCount, movePollsOnUntil, scrollThreadTo, waitForInboxPolls } from "../support/thread";

/**
 * A next page that fails (older messages, more conversations) leaves what is loaded on screen with
 * a retry, and the pollers go on: new messages still arrive in the thread and the inbox, and the
 * failed page is asked for again only when the rep retries (not by every poll's news). Both lists
 * are on screen at once at this size; the mechanism does not depend on it.
 */
const internalError = { success: false, error: { code: "INTERNAL_ERROR", message: "injected" } };
const TIMES = 500;

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});
test.afterEach(async ({ request }) => {
  await fakeUpstream(request).clearFaults();
});

test("after older messages fail to load, the thread still takes new messages and can be marked unread; the older page waits for Retry", async ({ page, request }) => {
  await page.clock.install();
  const upstream = fakeUpstream(request);
  const { threadId, thread } = await openLoadedThread(page, await upstream.conversationIds());
  await upstream.fail({ action: "get_conversation", paged: true, status: 500, body: internalError, times: TIMES });
  await scrollThreadTo(page, "top");
  const older = thread.getByRole("alert").filter({ hasText: "Couldn't load older messages." });
  await expect(older).toBeVisible({ timeout: 25_000 });
  await expect(thread.getByTestId("mark-unread")).toBeVisible();
  const failedCalls = (await upstream.stats()).faults;

  // News while the rep is still at the top: merged, and the failed page is not asked again by itself.
  const loaded = await loadedMessageCount(page);
  await upstream.addMessage(threadId, "Still here after the older page failed");
  await movePollsOnUntil(page, async () => expect(await loadedMessageCount(page)).toBe(loaded + 1));
  await waitForInboxPolls(page, 1, { pageClock: "head" });
  await expect(older).toBeVisible();
  expect((await upstream.stats()).faults).toBe(failedCalls);

  await scrollThreadTo(page, "bottom");
  await expect(thread.getByTestId("message").filter({ hasText: "Still here after the older page failed" })).toHaveCount(1);

  // Retry asks again, and the older page loads.
  await upstream.clearFaults();
  await scrollThreadTo(page, "top");
  await older.getByRole("button").click();
  await expect(older).toHaveCount(0);
  await expect.poll(() => loadedMessageCount(page)).toBeGreaterThan(loaded + 1);
});

test("after more conversations fail to load, the inbox stays fresh and asks for that page again only on Retry", async ({ page, request }) => {
  await page.clock.install();
  const upstream = fakeUpstream(request);
  const ids = await upstream.conversationIds();
  await page.goto("/a/linkup/inbox");
  const inbox = page.getByRole("region", { name: "Inbox conversations", exact: true });
  const list = page.getByTestId("inbox-list");
  const rows = inbox.getByTestId("conversation-row");
  await expect(rows.first()).toBeVisible();
  await upstream.fail({ action: "list_inbox", paged: true, status: 500, body: internalError, times: TIMES });
  const more = inbox.getByRole("alert").filter({ hasText: "Couldn't load more conversations." });
  await expect(async () => {
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(more).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 25_000 });
  const failedCalls = (await upstream.stats()).faults;

  // The rep stays at the end while the head goes on answering with news: the failed page is not asked again by itself.
  const text = "Moved up while the next page was failing";
  await upstream.addMessage(ids[5]!, text);
  await waitForInboxPolls(page, 2, { pageClock: "head" });
  await expect(more).toBeVisible();
  expect((await upstream.stats()).faults).toBe(failedCalls);

  await list.evaluate((el) => el.scrollTo(0, 0));
  await movePollsOnUntil(page, () => expect(rows.first()).toContainText(text, { timeout: 2_000 }));
  await expect(rows.filter({ hasText: text })).toHaveCount(1);

  // Retry asks again, and the page loads.
  await upstream.clearFaults();
  const count = Number(await page.getByTestId("conversation-list").getAttribute("data-conversation-count"));
  await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await more.getByRole("button").click();
  await expect(more).toHaveCount(0);
  await expect.poll(async () => Number(await page.getByTestId("conversation-list").getAttribute("data-conversation-count"))).toBeGreaterThan(count);
});

test("an inbox whose first read failed loads by itself once the provider is back, without Retry", async ({ page, request }) => {
  await page.clock.install();
  const upstream = fakeUpstream(request);
  await upstream.fail({ action: "list_inbox", status: 500, body: internalError, times: TIMES });
  await page.goto("/a/linkup/inbox");
  const list = page.getByRole("region", { name: "Inbox conversations" });
  await expect(list.getByTestId("error-state")).toBeVisible({ timeout: 25_000 });

  await upstream.clearFaults();
  await page.clock.runFor(FIRST_READ_RETRY_MS);
  await expect(list.getByTestId("conversation-row").first()).toBeVisible();
  await expect(list.getByTestId("error-state")).toHaveCount(0);
});
