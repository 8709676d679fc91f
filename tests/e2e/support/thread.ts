import type { Page } from "@playwright/test";

/** Scrolls the open thread to its top, which loads older messages by cursor. */
export async function scrollThreadToTop(page: Page): Promise<void> {
  await page.getByTestId("thread-view").evaluate((view) => {
    const scroller = [view, ...view.querySelectorAll<HTMLElement>("*")].find((el) => el.scrollHeight > el.clientHeight + 10 && getComputedStyle(el).overflowY !== "visible");
    scroller?.scrollTo({ top: 0 });
  });
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function cssEscape(text: string): string {
  return text.replace(/["\\]/g, "\\$&");
}

export const isPhone = (page: Page) => (page.viewportSize()?.width ?? 0) < 1024;

/**
 * Waits until the open thread's `since` poller has answered `count` more times: "still exactly
 * once after two more polls" is then a fact about polls, not about how long we slept.
 */
export async function waitForSincePolls(page: Page, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await page.waitForResponse((response) => response.url().includes("/messages?since=") && response.ok(), { timeout: 30_000 });
  }
}
