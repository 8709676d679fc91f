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
