import { expect, test } from "@playwright/test";
import { fakeUpstream } from "../support/fake-upstream";
import { expectInboxLive, waitForInboxPolls } from "../support/thread";

/**
 * The inbox does not move under the rep's thumb while it loads and takes its first poll: a row
 * tapped a moment after it painted is the row that was there. (The "checked … ago" line used to
 * appear with the first poll's answer, five seconds in, and push the whole list down 20 px; then
 * today's usage, long enough on a busy account to wrap to a second line, pushed it 16 px.)
 */
test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("the list stays where it painted: the first poll's answer does not push it down", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  const list = page.getByTestId("inbox-list");
  const top = () => list.evaluate((el) => el.getBoundingClientRect().top);
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  await expectInboxLive(page);
  const before = await top();
  await waitForInboxPolls(page, 1);
  // The line the first poll used to bring in is there, rendered with the poll's answer.
  await expect(page.getByTestId("checked-ago")).toContainText(/checked/i);
  // And today's usage beside it, which arrives on its own (a long count once wrapped to a second line).
  await expect(page.getByTestId("usage-today")).toContainText(/calls?/);
  expect(await top()).toBe(before);
  // One line (its 4 px of padding and a 16 px line), however long the counts grow.
  expect(await page.getByTestId("checked-ago").evaluate((el) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(20);
});
