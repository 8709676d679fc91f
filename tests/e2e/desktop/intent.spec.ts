import { expect, test } from "@playwright/test";
import { fakeUpstream } from "../support/fake-upstream";
import { waitForInboxPolls } from "../support/thread";

/**
 * Issue 11, start work on intent: loading the inbox fetches no thread (no route prefetch per
 * visible row, no messages); a pointer resting on a row starts its thread's messages and route
 * before the click, and the click uses them instead of asking again (the route asks the provider nothing).
 */

/** A request for the first page of this conversation's messages (not a `since` poll). */
const isHistoryOf = (id: string) => (url: string) => url.includes(`/conversations/${encodeURIComponent(id)}/messages?`) && !url.includes("since=");

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
  const isHistory = isHistoryOf(id);
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
  // Counted after the account's next question is answered: a second request the click set off would be in by then.
  await waitForInboxPolls(page, 1);
  expect(threadRequests.filter(isHistory)).toHaveLength(1);
  expect(threadRequests.filter(isRoute)).toHaveLength(routeRequests);
  // One provider read of the thread, the browser's: the route's own payload read nothing.
  expect((await fakeUpstream(request).stats()).calls.get_conversation ?? 0).toBe(1);
});

test("a row opened with no intent first (a key, a quick tap) asks for its messages with its route, not after it", async ({ page, request }) => {
  await page.goto("/a/linkup/inbox");
  const target = page.getByTestId("conversation-row").nth(3);
  await expect(target).toBeVisible();
  const id = (await target.getAttribute("data-conversation-id")) ?? "";
  const isHistory = isHistoryOf(id);
  // The route's payload is held until the messages are asked for (false if they never are while it
  // is held): then the order seen is the app's, not the network's.
  const messagesAsked = page.waitForRequest((request) => isHistory(request.url()), { timeout: 15_000 }).then(
    () => true,
    () => false,
  );
  let askedWhileRouteHeld: boolean | undefined;
  await page.route(
    (url) => url.pathname.includes(`/c/${encodeURIComponent(id)}`),
    async (route) => {
      askedWhileRouteHeld ??= await messagesAsked;
      await route.continue();
    },
  );
  // A click with no pointer or focus before it: no intent, as with a key or a quick tap.
  await target.dispatchEvent("click");
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  expect(askedWhileRouteHeld).toBe(true);
  expect((await fakeUpstream(request).stats()).calls.get_conversation ?? 0).toBe(1);
});
