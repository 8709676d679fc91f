import { expect, test } from "@playwright/test";
import { fakeUpstream } from "../support/fake-upstream";
import { waitForInboxPolls } from "../support/thread";

/**
 * Issue 11, start work on intent: loading the inbox fetches no thread (no route prefetch per
 * visible row, no messages); a pointer resting on a row starts its thread's messages and route
 * before the click, and the click uses them instead of asking again (the route asks the provider nothing).
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("the inbox prefetches no thread on load; resting on a row starts its messages, and the click reuses them", async ({ page, request }) => {
  const threadRequests: string[] = [];
  page.on("request", (request) => {
    const url = request.url();
    if (url.includes("/c/") || /\/conversations\/[^/]+\/messages/.test(url)) threadRequests.push(url);
  });
  await page.goto("/a/linkup/inbox");
  const rows = page.getByTestId("conversation-row");
  await expect(rows.nth(5)).toBeVisible();
  await waitForInboxPolls(page, 1);
  expect(threadRequests).toEqual([]);

  const target = rows.nth(2);
  const id = (await target.getAttribute("data-conversation-id")) ?? "";
  const isHistory = (url: string) => url.includes(`/conversations/${encodeURIComponent(id)}/messages?`) && !url.includes("since=");
  // Intent prefetches the thread's whole route too (its tree, then its data): the click asks the
  // server for nothing more.
  const isRoute = (url: string) => url.includes(`/c/${encodeURIComponent(id)}`);
  const started = page.waitForRequest((request) => isHistory(request.url()));
  const routeData = page.waitForResponse((response) => isRoute(response.url()) && response.request().headers()["next-router-prefetch"] === undefined);
  await target.hover();
  await started;
  await routeData;
  expect(page.url()).not.toContain("/c/");
  const routeRequests = threadRequests.filter(isRoute).length;

  await target.click();
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  expect(threadRequests.filter(isHistory)).toHaveLength(1);
  expect(threadRequests.filter(isRoute)).toHaveLength(routeRequests);
  // One provider read of the thread, the browser's: the route's own payload read nothing.
  expect((await fakeUpstream(request).stats()).calls.get_conversation ?? 0).toBe(1);
});
