import { expect, test, type Page } from "@playwright/test";
import { messageBox } from "../support/composer";
import { fakeUpstream } from "../support/fake-upstream";
import { escapeRegExp } from "../support/thread";

/**
 * A thread from the keyboard: the first Tab stop skips to it, past the bar and every row of the
 * list; its message list is a Tab stop that reads back with the keys a page
 * scrolls by (older pages load as they come into view), Shift+Tab from the reply box does not throw
 * the reader to the top of the thread, and Esc leaves the reply box (the draft stays) for the
 * thread, where Esc again goes back to the list. Not size-dependent: desktop only.
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

const activeTestId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.tagName);

test("the message list reads back from the keyboard; Shift+Tab from the reply box keeps the place; Esc leaves the box, then the thread", async ({ page, request }) => {
  // The long thread: several pages of older messages.
  const [id] = await fakeUpstream(request).conversationIds();
  if (id === undefined) throw new Error("the fixture mailbox is empty");
  await page.goto(`/a/linkup/inbox/c/${encodeURIComponent(id)}`);
  const thread = page.getByTestId("thread-view");
  const scroller = page.getByTestId("thread-scroller");
  const list = page.getByTestId("message-list");
  await expect(thread.getByTestId("message").first()).toBeVisible();
  // The live thread (not the server's preview) and the page's scripts are in.
  await expect(scroller).toBeAttached();
  await expect(page.getByTestId("skip-to-thread")).toBeAttached();
  // The first Tab stop skips the bar and the list (every row a stop) to the thread.
  await page.keyboard.press("Tab");
  await expect(page.getByTestId("skip-to-thread")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => activeTestId(page)).toBe("thread-scroller");
  const loaded = Number(await list.getAttribute("data-message-count"));
  await expect.poll(() => scroller.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop)).toBeLessThan(2);

  // Shift+Tab from the reply box: not to "Load older messages" at the top, which scrolled there.
  await messageBox(page).fill("Draft kept");
  await messageBox(page).press("Shift+Tab");
  await expect.poll(() => activeTestId(page)).not.toBe("load-older");
  await expect.poll(() => scroller.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop)).toBeLessThan(2);
  await expect(list).toHaveAttribute("data-message-count", String(loaded));

  // Esc in the reply box: focus to the message list, the draft stays.
  await messageBox(page).focus();
  await page.keyboard.press("Escape");
  await expect.poll(() => activeTestId(page)).toBe("thread-scroller");
  await expect(messageBox(page)).toHaveValue("Draft kept");
  await expect(page).toHaveURL(new RegExp(`/c/${escapeRegExp(encodeURIComponent(id))}$`));

  // The focused list scrolls by the keys, and older pages come as the reader gets there.
  const bottomGap = () => scroller.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop);
  await page.keyboard.press("PageUp");
  await expect.poll(bottomGap).toBeGreaterThan(100);
  await page.keyboard.press("Home");
  await expect.poll(async () => Number(await list.getAttribute("data-message-count"))).toBeGreaterThan(loaded);

  // Esc again, from the thread: back to the list, focus on the conversation's row (not the page).
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-conversation-id"))).toBe(id);
});
