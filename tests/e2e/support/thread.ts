import { expect, type Page } from "@playwright/test";
import { PACE_MS } from "@/lib/client/poll-pace";
import { HEAD_LIMIT } from "@/lib/client/queries";

/** Scrolls the open thread to its top, which loads older messages by cursor, or back to its newest message. */
export async function scrollThreadTo(page: Page, edge: "top" | "bottom"): Promise<void> {
  await page.getByTestId("thread-view").evaluate((view, top) => {
    const scroller = [view, ...view.querySelectorAll<HTMLElement>("*")].find((el) => el.scrollHeight > el.clientHeight + 10 && getComputedStyle(el).overflowY !== "visible");
    scroller?.scrollTo({ top: top ? 0 : scroller.scrollHeight });
  }, edge === "top");
}

export const scrollThreadToTop = (page: Page) => scrollThreadTo(page, "top");

/**
 * How many messages the open thread has loaded. The list renders only the rows near the viewport,
 * so counting message elements counts what is on screen, not what was fetched.
 */
export async function loadedMessageCount(page: Page): Promise<number> {
  const list = page.getByTestId("thread-view").getByTestId("message-list");
  return Number(await list.getAttribute("data-message-count"));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function cssEscape(text: string): string {
  return text.replace(/["\\]/g, "\\$&");
}

/**
 * The inbox page is live (React has hydrated it): its rows' times are written only then (the
 * server's HTML leaves them blank), and its keyboard shortcuts answer from then on. A key pressed
 * before is the browser's alone.
 */
export async function expectInboxLive(page: Page): Promise<void> {
  await expect(page.getByTestId("conversation-row").first().locator("time")).not.toBeEmpty();
}

export const isPhone = (page: Page) => (page.viewportSize()?.width ?? 0) < 1024;

/**
 * How far to move a page's clock (the test installed it) for one more answer to the account's
 * question: longer than its longest wait while polls succeed (the idle pace, jittered). A pushed
 * account's question (our database) comes sooner, and its provider safety checks (minutes apart)
 * must not come with it.
 */
export const POLL_STEP_MS = { head: PACE_MS.idle.head * 1.2, changes: PACE_MS.idle.changes * 1.2 } as const;

/**
 * Waits until the account's one question ("what changed?", which asks an open thread for news)
 * has been answered `count` more times: the inbox head, or for a pushed account what its webhooks
 * announced. "Still exactly once after two more polls" is then a fact about polls, not about how
 * long we slept. With `pageClock` (the test installed the page's clock), the clock is moved on for
 * each poll (POLL_STEP_MS), which then comes at once.
 */
export async function waitForInboxPolls(page: Page, count: number, { pageClock }: { pageClock?: keyof typeof POLL_STEP_MS } = {}): Promise<void> {
  const isQuestion = (url: string) => (url.includes("/conversations?") && url.includes(`limit=${HEAD_LIMIT}`)) || url.includes("/changes?");
  for (let i = 0; i < count; i++) {
    const answered = page.waitForResponse((response) => isQuestion(response.url()) && response.ok(), { timeout: 60_000 });
    if (pageClock) await page.clock.fastForward(POLL_STEP_MS[pageClock]);
    await answered;
  }
}

/**
 * For a page whose clock the test installed (page.clock.install()): moves it on a poll's wait at a
 * time until `state` holds, so the pollers ask now instead of after their real waits (backed off
 * while a fault lasts). The server and the provider keep real time: a fault's own delay still takes
 * its seconds, and so does the server's shared inbox answer.
 */
export async function movePollsOnUntil(page: Page, state: () => Promise<void>): Promise<void> {
  await expect(async () => {
    await page.clock.fastForward(POLL_STEP_MS.head);
    await state();
  }).toPass({ timeout: 45_000 });
}
