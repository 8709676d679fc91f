import { expect, test } from "@playwright/test";
import { messageBox } from "../support/composer";
import { E2E } from "../support/env";
import { cssEscape } from "../support/thread";

// The demo server: no provider configured, no sign-in.
test.use({ baseURL: E2E.demoUrl, storageState: { cookies: [], origins: [] } });

/**
 * The demo keeps its read marks and its sent replies in the server's memory. A page's server code
 * and an API route's are separate module graphs in a Next build: what the API kept must be what the
 * next page's own HTML shows, not something only the browser's later polls bring back.
 * Not size-dependent: desktop only.
 */
test("a conversation read and a reply sent in the demo are in the next page's server HTML", async ({ page }) => {
  await page.goto("/a/demo/inbox");
  const unread = page.getByTestId("conversation-row").filter({ has: page.getByTestId("unread-badge") }).first();
  await expect(unread).toBeVisible();
  const id = await unread.getAttribute("data-conversation-id");
  const href = await unread.getAttribute("href");
  if (id === null || href === null) throw new Error("the unread row names no conversation");
  const row = page.locator(`[data-testid="conversation-row"][data-conversation-id="${cssEscape(id)}"]`);

  // Opened, it is read (the browser tells the server); a reply goes out from it.
  await unread.click();
  await expect(row.getByTestId("unread-badge")).toHaveCount(0);
  const text = `Server HTML check ${Date.now().toString(36)}`;
  await messageBox(page).fill(text);
  await messageBox(page).press("Enter");
  const thread = page.getByTestId("thread-view");
  await expect(thread.getByTestId("message").filter({ hasText: text })).toBeVisible();
  // Kept by the server (the API's own answer has it).
  await expect
    .poll(async () => JSON.stringify(await (await page.request.get(`/api/accounts/demo/conversations/${encodeURIComponent(id)}/messages?limit=30`)).json()))
    .toContain(text);

  // The server's HTML alone: none of the app's scripts runs.
  await page.route("**/_next/static/chunks/**/*.js", (route) => route.abort());
  await page.goto("/a/demo/inbox");
  await expect(row).toBeVisible();
  await expect(row.getByTestId("unread-badge")).toHaveCount(0);
  await page.goto(href);
  await expect(page.getByTestId("thread-preview").getByText(text)).toBeVisible();

  // Unread again, for the demo's other tests (its visitors share one set of marks).
  await page.unrouteAll();
  const answer = await page.request.delete(`/api/accounts/demo/conversations/${encodeURIComponent(id)}/read`, { data: {}, headers: { origin: E2E.demoUrl } });
  expect(answer.status()).toBe(200);
});
