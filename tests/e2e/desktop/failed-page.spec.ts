import { expect, test } from "@playwright/test";
import { fakeUpstream } from "../support/fake-upstream";
import { expectNewMessageOnce, openLoadedThread } from "../support/fault-screens";
import { movePollsOnUntil, scrollThreadTo } from "../support/thread";

/**
 * A next page that fails (older messages, more conversations) leaves what is loaded on screen with
 * a retry, and the pollers go on: new messages still arrive in the thread and the inbox. Both lists
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

test("after older messages fail to load, the thread still shows a new message, once, and can still be marked unread", async ({ page, request }) => {
  await page.clock.install();
  const upstream = fakeUpstream(request);
  const { threadId, thread } = await openLoadedThread(page, await upstream.conversationIds());
  await upstream.fail({ action: "get_conversation", status: 500, body: internalError, times: TIMES });
  await scrollThreadTo(page, "top");
  const older = thread.getByRole("alert").filter({ hasText: "Couldn't load older messages." });
  await expect(older).toBeVisible({ timeout: 25_000 });
  await upstream.clearFaults();

  await scrollThreadTo(page, "bottom");
  await expectNewMessageOnce(page, thread, threadId, "Still here after the older page failed", request, { pageClock: "head" });
  await expect(thread.getByTestId("mark-unread")).toBeVisible();
});

test("after more conversations fail to load, the inbox still moves a conversation with a new message to the top", async ({ page, request }) => {
  await page.clock.install();
  const upstream = fakeUpstream(request);
  const ids = await upstream.conversationIds();
  await page.goto("/a/linkup/inbox");
  const inbox = page.getByRole("region", { name: "Inbox conversations", exact: true });
  const rows = inbox.getByTestId("conversation-row");
  await expect(rows.first()).toBeVisible();
  await upstream.fail({ action: "list_inbox", status: 500, body: internalError, times: TIMES });
  const more = inbox.getByRole("alert").filter({ hasText: "Couldn't load more conversations." });
  await expect(async () => {
    await page.getByTestId("inbox-list").evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(more).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 25_000 });
  await upstream.clearFaults();

  const text = "Moved up after the next page failed";
  await upstream.addMessage(ids[5]!, text);
  await page.getByTestId("inbox-list").evaluate((el) => el.scrollTo(0, 0));
  await movePollsOnUntil(page, () => expect(rows.first()).toContainText(text, { timeout: 2_000 }));
  await expect(rows.filter({ hasText: text })).toHaveCount(1);
});
