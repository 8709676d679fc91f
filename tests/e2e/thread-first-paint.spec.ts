import { expect, test } from "@playwright/test";
import { longThreadId, newestMessages } from "./support/accounts";
import { ACCOUNTS } from "./support/env";
import { fakeUpstream } from "./support/fake-upstream";
import { cssEscape } from "./support/thread";

/**
 * Issue 11, content in the first response: a thread opened by its URL has its newest messages in
 * the server's HTML, at the bottom of the screen before any of the app's scripts has run, and the
 * live thread takes over with the newest message on the very same pixel (nothing jumps), in a
 * browser whose time zone and language are not the server's.
 */

test.use({ timezoneId: "Pacific/Chatham", locale: "de-DE" });

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("a thread opened by its URL shows its newest messages before any script, and they stay put when the live thread takes over", async ({ page, request }) => {
  const conversationId = await longThreadId(request, ACCOUNTS.linkupV2);
  const threadPath = `/a/${ACCOUNTS.linkupV2}/inbox/c/${encodeURIComponent(conversationId)}`;
  const [newest] = await newestMessages(request, ACCOUNTS.linkupV2, conversationId, 1);
  const newestRow = `[data-testid="message"][data-message-id="${cssEscape(newest!.id)}"]`;

  // The HTML alone: none of the app's scripts loads.
  await page.route("**/_next/static/chunks/**/*.js", (route) => route.abort());
  await page.goto(threadPath);
  const preview = page.getByTestId("thread-preview").locator(newestRow);
  await expect(preview).toBeInViewport({ ratio: 1 });
  await expect(preview).toContainText(newest!.text.slice(0, 40));

  // With its scripts: every frame from the first paint on, where the newest message is and in which view.
  await page.unrouteAll();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text().slice(0, 300));
  });
  page.on("pageerror", (error) => errors.push(error.message.slice(0, 300)));
  await page.addInitScript((selector) => {
    const frames: { view: string; top: number }[] = [];
    (window as unknown as { __frames: typeof frames }).__frames = frames;
    const record = () => {
      const row = document.querySelector(selector);
      const view = row?.closest("[data-testid=thread-preview], [data-testid=thread-view]")?.getAttribute("data-testid");
      const box = row?.getBoundingClientRect();
      // Shown: not still in the hidden part of the streamed HTML, waiting to be moved into place.
      if (view && box && box.height > 0) frames.push({ view, top: box.top });
      // After the frame's paint: what the rep saw.
      requestAnimationFrame(() => setTimeout(record, 0));
    };
    record();
  }, newestRow);
  await page.goto(threadPath);
  await expect(page.getByTestId("thread-view").locator(newestRow)).toBeInViewport({ ratio: 1 });
  // The live thread has settled (its rows measured, its times in the rep's zone).
  await expect(page.getByTestId("thread-view").locator(`${newestRow} time`).last()).not.toHaveText("\u00a0");
  const frames = await page.evaluate(() => (window as unknown as { __frames: { view: string; top: number }[] }).__frames);
  expect(frames.some((frame) => frame.view === "thread-preview")).toBe(true);
  expect(frames.some((frame) => frame.view === "thread-view")).toBe(true);
  const tops = frames.map((frame) => frame.top);
  expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(0.5);
  expect(errors).toEqual([]);
});
