import { expect, test } from "@playwright/test";
import { longThreadId, newestMessages } from "../support/accounts";
import { ACCOUNTS } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";
import { cssEscape } from "../support/thread";

/**
 * Issue 11, content in the first response: a thread opened by its URL has its newest messages in
 * the server's HTML, at the bottom of the screen before any of the app's scripts has run, and the
 * live thread then shows the newest message at the very same place (nothing jumps when it takes over).
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("a thread opened by its URL shows its newest messages before any script, where the live thread then shows them", async ({ page, request }) => {
  const conversationId = await longThreadId(request, ACCOUNTS.linkupV2);
  const threadPath = `/a/${ACCOUNTS.linkupV2}/inbox/c/${encodeURIComponent(conversationId)}`;
  const [newest] = await newestMessages(request, ACCOUNTS.linkupV2, conversationId, 1);
  const newestRow = `[data-testid="message"][data-message-id="${cssEscape(newest!.id)}"]`;

  // The HTML alone: none of the app's scripts loads.
  await page.route("**/_next/static/chunks/**/*.js", (route) => route.abort());
  await page.goto(threadPath);
  const preview = page.getByTestId("thread-preview");
  await expect(preview.locator(newestRow)).toBeInViewport({ ratio: 1 });
  await expect(preview.locator(newestRow)).toContainText(newest!.text.slice(0, 40));
  await expect(preview.getByTestId("message")).not.toHaveCount(0);
  await expect(page.getByTestId("thread-view")).toHaveCount(0);
  const shownAt = await preview.locator(newestRow).evaluate((row) => row.getBoundingClientRect().top);

  // With its scripts, the live thread takes over: the same message, at the same place.
  await page.unrouteAll();
  await page.goto(threadPath);
  const live = page.getByTestId("thread-view").locator(newestRow);
  await expect(live).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId("thread-preview")).toHaveCount(0);
  await expect.poll(() => live.evaluate((row) => Math.round(row.getBoundingClientRect().top))).toBe(Math.round(shownAt));
});
