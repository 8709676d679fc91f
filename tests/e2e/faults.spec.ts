import { expect, test } from "@playwright/test";
import { LONG_THREAD_NAME } from "../fake-upstream/fixture-mailbox";
import { fakeUpstream } from "./support/fake-upstream";
import { newestLoadedText, openLoadedThread, screenNeverWentBlank } from "./support/fault-screens";
import { saveScreenshot } from "./support/screens";
import { isPhone, waitForInboxPolls } from "./support/thread";

/**
 * Faults that look different at each size: going offline (the inbox is on screen beside the
 * thread only on a desktop) and a thread whose first load fails. The provider fault matrix runs
 * at the desktop viewport (desktop/fault-matrix.spec.ts).
 */
const linkupError = (code: string, message: string) => ({ success: false, error: { code, message } });
const TIMES = 500;

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});
test.afterEach(async ({ request, context }) => {
  await context.setOffline(false);
  await fakeUpstream(request).clearFaults();
});

test("fault: offline browser — a quiet banner, nothing fetched, one catch-up on reconnect", async ({ page, context, request }, testInfo) => {
  // The page's clock runs as usual, but the test can move it on: "two poll intervals go by" is
  // then a fact of the page's own timers, not a sleep that may or may not cover them.
  await page.clock.install();
  const upstream = fakeUpstream(request);
  const { threadId, thread, messages, loaded } = await openLoadedThread(page, await upstream.conversationIds());
  // The inbox head has asked at least once: the account's question is running.
  await waitForInboxPolls(page, 1, { pageClock: "head" });
  await expect(page.getByTestId("checked-ago")).toBeAttached();
  await context.setOffline(true);
  const offline = page.getByTestId("offline-banner");
  await expect(offline).toBeVisible();
  // Counted from here, once the page knows it is offline: a poll cut off by going offline (or
  // whose second request was to follow) is paused, and its retry is the catch-up.
  const apiRequests: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/")) apiRequests.push(r.url());
  });
  await expect(offline).toHaveAttribute("role", "status");
  await expect(offline).toContainText("You're offline");
  await saveScreenshot(page, testInfo, "offline");
  // Two poll intervals go by: nothing is fetched, everything loaded stays readable.
  await upstream.addMessage(threadId, "Written while you were in the tunnel");
  await page.clock.runFor(9_000);
  await page.evaluate(() => 0); // every request the timers started has been reported by now
  expect(apiRequests).toEqual([]);
  await expect(messages.filter({ hasText: newestLoadedText })).toBeVisible();
  await expect(page.getByTestId("refresh-error")).toHaveCount(0);

  await context.setOffline(false);
  await expect(offline).toHaveCount(0);
  const fresh = thread.getByTestId("message").filter({ hasText: "Written while you were in the tunnel" });
  await expect(fresh).toHaveCount(1, { timeout: 10_000 });
  // One catch-up, not a burst: the inbox head (on a phone too: it is the account's question, list
  // on screen or not), the one since poll it asked of the thread whose row moved, at most one ask
  // for read marks set on other devices (our database), and no history
  // page again. The server shares a head answer for 4 s of its own time, and this test moved
  // only the page's clock through the tunnel: the catch-up may get the answer from just before
  // it, and the next head poll (a live pace later) the new message. A burst (a retry, a second
  // catch-up) would come within 1.5 s of page time.
  await page.clock.runFor(1_500);
  await page.evaluate(() => 0);
  const sincePolls = apiRequests.filter((u) => u.includes("/messages?") && new URL(u).searchParams.has("since"));
  // The rep's read marks from other devices: our database, at most one catch-up too.
  const readMarkPolls = apiRequests.filter((u) => u.includes("/read-marks?"));
  const historyPages = apiRequests.filter((u) => u.includes("/messages?") && !u.includes("since="));
  const inboxCalls = apiRequests.filter((u) => u.includes("/conversations?"));
  expect(sincePolls).toHaveLength(1);
  expect(readMarkPolls.length).toBeLessThanOrEqual(1);
  expect(historyPages).toHaveLength(0);
  expect(inboxCalls.length).toBeGreaterThanOrEqual(1);
  expect(inboxCalls.length).toBeLessThanOrEqual(2);
  await expect(fresh).toHaveCount(1);
  await screenNeverWentBlank(page, loaded);
});

test("a thread whose first load fails shows the error with Retry, and Retry loads it without a reload", async ({ page, request }, testInfo) => {
  const upstream = fakeUpstream(request);
  await page.goto("/a/linkup/inbox");
  const rows = page.getByTestId("conversation-row");
  await expect(rows.first()).toContainText(LONG_THREAD_NAME);
  await upstream.fail({ action: "get_conversation", status: 403, body: linkupError("INVALID_API_KEY", "Invalid API key"), times: TIMES });
  await rows.filter({ hasText: LONG_THREAD_NAME }).click();
  // A pointer resting on a row asks for its thread (intent): left on this one, a rest after the
  // faults are cleared would load the thread before Retry is pressed.
  await page.mouse.move(1, 1);

  const error = page.getByTestId("thread-view").getByTestId("error-state");
  await expect(error).toBeVisible({ timeout: 25_000 });
  await expect(error).toContainText("LinkedIn connection lost");
  await expect(error).toContainText("Retry once it's reconnected.");
  if (!isPhone(page)) await expect(rows.first()).toBeVisible();
  await saveScreenshot(page, testInfo, "first-load-error");

  await upstream.clearFaults();
  await error.getByTestId("retry-button").click();
  await expect(page.getByTestId("thread-view").getByTestId("message").filter({ hasText: newestLoadedText })).toBeVisible();
  await expect(error).toHaveCount(0);
});
