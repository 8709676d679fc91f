import { expect, test } from "@playwright/test";
import { fakeUpstream } from "../support/fake-upstream";
import { expectInboxLive } from "../support/thread";

/**
 * A phone loses its signal: a tap on a conversation or a category must not leave the app for the
 * browser's "no internet" page (Next's router falls back to a full page load when it cannot fetch
 * a page). The app stays, says it is offline, and opens what was tapped once the signal is back.
 */
test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("offline, a tapped conversation waits in the app and opens when the connection is back", async ({ page, context }) => {
  const visited: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  });
  await page.goto("/a/linkup/inbox");
  const row = page.getByTestId("conversation-row").nth(2);
  await expect(row).toBeVisible();
  const href = await row.getAttribute("href");
  if (href === null) throw new Error("the row links nowhere");
  // The page's scripts are in and running: offline before then, they could not load at all.
  await expectInboxLive(page);

  await context.setOffline(true);
  await expect(page.getByTestId("offline-banner")).toContainText("What you open loads when you're back.");
  // The page's request for the thread fails: that is when the router used to give up on the app.
  const failed = page.waitForEvent("requestfailed", (request) => request.url().includes("/c/"));
  await row.click();
  await failed;
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();

  await context.setOffline(false);
  await expect(page).toHaveURL(new RegExp(`${href.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  expect(visited.filter((url) => !url.startsWith("http://"))).toEqual([]);
});
