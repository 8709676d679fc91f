import { expect, test } from "@playwright/test";
import { FIXTURE_CONVERSATION_COUNT } from "../../fake-upstream/fixture-mailbox";
import { fakeUpstream } from "../support/fake-upstream";
import { waitForInboxPolls } from "../support/thread";
import { settledValue } from "../support/settled";

/**
 * Issue 11: the inbox renders only the rows near the viewport, however many are loaded, and a
 * thread's back button puts the rep back on the row they opened.
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("the whole inbox loaded, only the rows near the viewport are in the page; back from a thread returns to the same row", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  const list = page.getByTestId("inbox-list");
  const rows = page.getByTestId("conversation-row");
  const rowAt = (position: number) => page.locator(`li[aria-posinset="${position}"]`).getByTestId("conversation-row");
  await expect(rows.first()).toBeVisible();

  // Scrolling to the end loads page after page, until every conversation is in.
  await expect(async () => {
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(page.getByTestId("list-count")).toHaveText(`${FIXTURE_CONVERSATION_COUNT} conversations`, { timeout: 1_000 });
  }).toPass();
  await expect(async () => {
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(rowAt(FIXTURE_CONVERSATION_COUNT)).toBeInViewport({ timeout: 1_000 });
  }).toPass();
  expect(await rows.count()).toBeLessThanOrEqual(25);
  await expect(rowAt(1)).toHaveCount(0);

  // Back to the top: the first rows are there again, the last ones are not.
  await list.evaluate((el) => el.scrollTo(0, 0));
  await expect(rowAt(1)).toBeInViewport();
  await expect(rowAt(FIXTURE_CONVERSATION_COUNT)).toHaveCount(0);

  // A row from the middle, opened and left by the back button: the list is where it was.
  await list.evaluate((el) => el.scrollTo(0, el.scrollHeight / 2));
  const middle = Math.round(FIXTURE_CONVERSATION_COUNT / 2);
  await expect(async () => {
    await rowAt(middle).scrollIntoViewIfNeeded({ timeout: 1_000 });
  }).toPass();
  const id = await rowAt(middle).getAttribute("data-conversation-id");
  // Once the rows just brought into view are measured and the list has kept them in place.
  const scrollTop = await settledValue(page, () => list.evaluate((el) => el.scrollTop));
  await rowAt(middle).click();
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  await page.getByTestId("thread-back").click();
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);
  await expect(rowAt(middle)).toBeInViewport();
  await expect(rowAt(middle)).toHaveAttribute("data-conversation-id", id ?? "");
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(scrollTop);
});

test("to another category and back by its tabs: the conversations loaded before are all still there", async ({ page }) => {
  await page.clock.install();
  await page.goto("/a/linkup/inbox");
  const list = page.getByTestId("inbox-list");
  const loaded = page.getByTestId("conversation-list");
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  await expect(async () => {
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(page.getByTestId("list-count")).toHaveText(`${FIXTURE_CONVERSATION_COUNT} conversations`, { timeout: 1_000 });
  }).toPass();

  await page.getByTestId("category-tab").filter({ hasText: "Unread" }).click();
  await expect(page).toHaveURL(/\/a\/linkup\/unread$/);
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  await page.getByTestId("category-tab").filter({ hasText: "Inbox" }).click();
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  await expect(loaded).toHaveAttribute("data-conversation-count", String(FIXTURE_CONVERSATION_COUNT));
  // Still all of them once the account's next question has been answered.
  await waitForInboxPolls(page, 1, { pageClock: "head" });
  await expect(loaded).toHaveAttribute("data-conversation-count", String(FIXTURE_CONVERSATION_COUNT));
});
