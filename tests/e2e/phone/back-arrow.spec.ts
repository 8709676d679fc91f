import { expect, test } from "@playwright/test";
import { fakeUpstream } from "../support/fake-upstream";
import { escapeRegExp } from "../support/thread";

/**
 * A thread's back arrow on a phone goes back in history only to the list that opened it; from a
 * thread reached any other way (a shared link, the browser's own back button) it goes to the list's
 * URL, never out of the app or onto another thread.
 */
test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("the back arrow goes to the list: from a shared link, from the list, and from a thread the browser's back button returned to", async ({ page, request }) => {
  const [shared] = await fakeUpstream(request).conversationIds();
  const sharedUrl = new RegExp(`/a/linkup/inbox/c/${escapeRegExp(encodeURIComponent(shared!))}$`);
  const list = /\/a\/linkup\/inbox$/;
  const back = page.getByTestId("thread-back");
  const messages = page.getByTestId("thread-view").getByTestId("message");

  await page.goto(`/a/linkup/inbox/c/${encodeURIComponent(shared!)}`);
  await expect(messages.first()).toBeVisible();
  await back.click();
  await expect(page).toHaveURL(list);

  await page.getByTestId("conversation-row").nth(2).click();
  await expect(messages.first()).toBeVisible();
  await back.click();
  await expect(page).toHaveURL(list);

  // The browser's back button: the shared thread again, whose history entry before it is not the list.
  await page.goBack();
  await expect(page).toHaveURL(sharedUrl);
  await expect(messages.first()).toBeVisible();
  await back.click();
  await expect(page).toHaveURL(list);
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
});

test("after a reload (a phone's pull to refresh), the back arrow of a thread the list opened still goes back to that list, adding no history entry", async ({ page }) => {
  const list = /\/a\/linkup\/inbox$/;
  const messages = page.getByTestId("thread-view").getByTestId("message");
  await page.goto("/a/linkup/inbox");
  await page.getByTestId("conversation-row").nth(1).click();
  await expect(messages.first()).toBeVisible();
  const threadUrl = page.url();
  await page.reload();
  await expect(messages.first()).toBeVisible();

  await page.getByTestId("thread-back").click();
  await expect(page).toHaveURL(list);
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  // Went back: the thread is the next entry forward, where a new list entry would have dropped it.
  await page.goForward();
  await expect(page).toHaveURL(threadUrl);
});

test("a thread opened from the keyboard on a phone takes focus on its heading (the list, and the row that had focus, are hidden), and gives it back to the row when it closes", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  const row = page.getByTestId("conversation-row").nth(1);
  await expect(row).toBeVisible();
  await row.focus();
  await expect(row).toBeFocused();
  await page.keyboard.press("Enter");
  const thread = page.getByTestId("thread-view");
  await expect(thread.getByTestId("message").first()).toBeVisible();
  await expect(thread.getByRole("heading", { level: 1 })).toBeFocused();

  // Back: focus goes to the row the thread was opened from, not to the page.
  const id = await row.getAttribute("data-conversation-id");
  await page.getByTestId("thread-back").click();
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);
  await expect(page.locator(`[data-testid="conversation-row"][data-conversation-id="${id}"]`)).toBeFocused();
});
