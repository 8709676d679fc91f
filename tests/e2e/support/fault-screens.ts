import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { LONG_THREAD_LENGTH, LONG_THREAD_NAME } from "../../fake-upstream/fixture-mailbox";
import { fakeUpstream } from "./fake-upstream";
import { loadedMessageCount, movePollsOnUntil, waitForInboxPolls } from "./thread";

/** What the fault tests share: the long thread opened beside the inbox, and watches that the screen never went blank. */
export const newestLoadedText = `${LONG_THREAD_NAME} message ${LONG_THREAD_LENGTH} of ${LONG_THREAD_LENGTH}`;

/** Inbox, then the long thread, both on screen; returns the thread's id and locators. */
export async function openLoadedThread(page: Page, conversationIds: string[]) {
  await page.goto("/a/linkup/inbox");
  const rows = page.getByTestId("conversation-row");
  await expect(rows.first()).toContainText(LONG_THREAD_NAME);
  await rows.filter({ hasText: LONG_THREAD_NAME }).click();
  const thread = page.getByTestId("thread-view");
  const messages = thread.getByTestId("message");
  await expect(messages.filter({ hasText: newestLoadedText })).toBeVisible();
  const loaded = await loadedMessageCount(page);
  expect(loaded).toBeGreaterThanOrEqual(10);
  await watchForBlankOrErrorScreens(page);
  return { threadId: conversationIds[0]!, thread, messages, loaded };
}

/**
 * Records, from inside the page, the fewest thread messages ever loaded (0 whenever none was
 * rendered) and whether a full-area error ever replaced them, so a blank flash between two
 * assertions is caught too.
 */
async function watchForBlankOrErrorScreens(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as Window & { __fewestMessages?: number; __sawErrorState?: boolean };
    const count = () => {
      const rendered = document.querySelectorAll('[data-testid="thread-view"] [data-testid="message"]').length;
      const list = document.querySelector<HTMLElement>('[data-testid="thread-view"] [data-testid="message-list"]');
      return rendered === 0 ? 0 : Number(list?.dataset.messageCount ?? 0);
    };
    const check = () => {
      w.__fewestMessages = Math.min(w.__fewestMessages ?? Infinity, count());
      if (document.querySelector('[data-testid="error-state"]')) w.__sawErrorState = true;
    };
    check();
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true });
  });
}

export async function screenNeverWentBlank(page: Page, loaded: number): Promise<void> {
  const seen = await page.evaluate(() => {
    const w = window as Window & { __fewestMessages?: number; __sawErrorState?: boolean };
    return { fewest: w.__fewestMessages ?? 0, sawErrorState: w.__sawErrorState === true };
  });
  expect(seen.fewest).toBeGreaterThanOrEqual(loaded);
  expect(seen.sawErrorState).toBe(false);
}

export function inboxBanner(page: Page): Locator {
  return page.getByRole("region", { name: "Inbox conversations", exact: true }).getByTestId("refresh-error");
}

/**
 * A new message arrives upstream; it must appear exactly once, and still once after the next poll.
 * With `pageClock`, the page's clock (installed by the test) is moved on for each poll (as in waitForInboxPolls).
 */
export async function expectNewMessageOnce(page: Page, thread: Locator, threadId: string, text: string, request: APIRequestContext, { pageClock }: { pageClock?: "head" } = {}) {
  await fakeUpstream(request).addMessage(threadId, text);
  const fresh = thread.getByTestId("message").filter({ hasText: text });
  if (pageClock) await movePollsOnUntil(page, () => expect(fresh).toHaveCount(1, { timeout: 2_000 }));
  else await expect(fresh).toHaveCount(1, { timeout: 25_000 });
  await waitForInboxPolls(page, 1, { pageClock });
  await expect(fresh).toHaveCount(1);
}
