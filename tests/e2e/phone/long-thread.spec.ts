import { expect, test, type Page } from "@playwright/test";
import { LONG_THREAD_LENGTH, LONG_THREAD_NAME } from "../../fake-upstream/fixture-mailbox";
import { fakeUpstream } from "../support/fake-upstream";
import { loadedMessageCount, scrollThreadToTop } from "../support/thread";
import { settledValue } from "../support/settled";

const messageText = (n: number) => `${LONG_THREAD_NAME} message ${n} of ${LONG_THREAD_LENGTH}`;

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

/** The number in the text of the first message wholly below the scroller's top. */
async function messageAtTop(page: Page): Promise<number> {
  return page.getByTestId("message-list").evaluate((list) => {
    const scroller = list.closest<HTMLElement>(".overflow-y-auto")!;
    const top = scroller.getBoundingClientRect().top;
    const first = [...list.querySelectorAll<HTMLElement>('[data-testid="message"]')].find((m) => m.getBoundingClientRect().top >= top);
    return Number(/message (\d+) of/.exec(first?.textContent ?? "")?.[1] ?? NaN);
  });
}

test("a long thread renders only what is near the screen, and keeps the message being read through older pages and a rotation", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  await page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME }).click();
  const messages = page.getByTestId("thread-view").getByTestId("message");
  await expect(messages.filter({ hasText: messageText(LONG_THREAD_LENGTH) })).toBeInViewport();

  // Three pages back: each lands above the message being read, which stays on screen.
  for (let round = 0; round < 3; round++) {
    const loaded = await loadedMessageCount(page);
    await scrollThreadToTop(page);
    const oldest = messages.filter({ hasText: messageText(LONG_THREAD_LENGTH - loaded + 1) });
    await expect(oldest).toBeInViewport();
    await expect.poll(() => loadedMessageCount(page), { timeout: 15_000 }).toBeGreaterThan(loaded);
    await expect(oldest).toBeInViewport();
  }
  const loaded = await loadedMessageCount(page);
  expect(loaded).toBeGreaterThanOrEqual(120);
  // Only the rows near the viewport are in the page.
  expect(await messages.count()).toBeLessThan(loaded / 2);

  // Turn the phone sideways and back: the message being read is still on screen.
  const reading = messages.filter({ hasText: messageText(await settledValue(page, () => messageAtTop(page))) });
  await page.setViewportSize({ width: 800, height: 360 });
  await expect(reading).toBeInViewport();
  await page.setViewportSize({ width: 360, height: 800 });
  await expect(reading).toBeInViewport();
});
