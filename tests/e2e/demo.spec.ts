import { expect, test, type Response } from "@playwright/test";
import { z } from "zod";
import { viewerSchema } from "@/lib/contracts/team";
import { E2E } from "./support/env";
import { saveScreenshot } from "./support/screens";
import { isPhone } from "./support/thread";

// The demo server: no provider configured, no sign-in, so no session either.
test.use({ baseURL: E2E.demoUrl, storageState: { cookies: [], origins: [] } });

const meSchema = z.object({ viewer: viewerSchema });

/** Where a navigation began, before the server's redirects. */
function firstUrlOf(response: Response | null): string | undefined {
  let request = response?.request();
  while (request?.redirectedFrom()) request = request.redirectedFrom() ?? undefined;
  return request?.url();
}

test("with no provider configured, the demo inbox is served and says it is demo data", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/a\/demo\/inbox$/);
  await expect(page.getByTestId("demo-badge").first()).toBeVisible();
  const rows = page.getByTestId("conversation-row");
  await expect(rows.nth(9)).toBeVisible();
  await saveScreenshot(page, testInfo, "demo-inbox");

  await rows.filter({ hasText: "Evelyn Hartmann" }).click();
  const messages = page.getByTestId("thread-view").getByTestId("message");
  await expect(messages.last()).toBeInViewport();
  expect(await messages.count()).toBeGreaterThan(5);
  await saveScreenshot(page, testInfo, "demo-thread");

  // On a phone the thread is its own screen: back to the list, where the tabs are.
  if ((page.viewportSize()?.width ?? 0) < 1024) await page.getByTestId("thread-back").click();
  await page.getByTestId("category-tab").filter({ hasText: "InMail" }).click();
  await expect(page).toHaveURL(/\/a\/demo\/inmail/);
  await expect(rows.first()).toBeVisible();
});

test("a demo thread opened by its URL says it is demo data in its header on a phone (on a desktop the app bar beside it says so), from the first paint to the live thread", async ({ page }) => {
  await page.goto("/a/demo/inbox");
  const threadPath = await page.getByTestId("conversation-row").first().getAttribute("href");
  if (!threadPath) throw new Error("the first row links to no thread");
  // On a phone the app bar (and its badge) is hidden while a thread is open: the header says it instead.
  const onPhone = (page.viewportSize()?.width ?? 0) < 1024;

  // The server's HTML alone: none of the app's scripts loads.
  await page.route("**/_next/static/chunks/**/*.js", (route) => route.abort());
  await page.goto(threadPath);
  const previewBadge = page.getByTestId("thread-preview").locator("header").getByTestId("demo-badge");
  if (onPhone) await expect(previewBadge).toBeVisible();
  else await expect(previewBadge).toBeHidden();

  await page.unrouteAll();
  await page.goto(threadPath);
  const liveBadge = page.getByTestId("thread-view").locator("header").getByTestId("demo-badge");
  await expect(page.getByTestId("thread-view").getByTestId("message").last()).toBeInViewport();
  if (onPhone) await expect(liveBadge).toBeVisible();
  else await expect(liveBadge).toBeHidden();
});

test("the demo (no provider configured) needs no sign-in, and says so", async ({ page }) => {
  const visited: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  });
  await page.goto(`${E2E.demoUrl}/`);
  await expect(page).toHaveURL(`${E2E.demoUrl}/a/demo/inbox`);
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  await expect(page.getByTestId("demo-badge")).toBeVisible();
  // Wide screens say it in words; a phone's bar has room for the badge only.
  if (isPhone(page)) await expect(page.getByTestId("demo-no-sign-in")).toBeHidden();
  else await expect(page.getByTestId("demo-no-sign-in")).toHaveText("Demo · no sign-in needed");
  await expect(page.getByTestId("account-menu")).toHaveCount(0);
  expect(visited.filter((url) => new URL(url).pathname.startsWith("/sign-in"))).toEqual([]);
  expect(meSchema.parse(await (await page.request.get(`${E2E.demoUrl}/api/me`)).json()).viewer).toEqual({ kind: "demo" });

  const signIn = await page.goto(`${E2E.demoUrl}/sign-in`);
  expect(firstUrlOf(signIn)).toBe(`${E2E.demoUrl}/sign-in`);
  await expect(page).toHaveURL(`${E2E.demoUrl}/a/demo/inbox`);
});

test("a right-to-left name in the thread's header starts where its headline does, under the same avatar", async ({ page }) => {
  await page.goto("/a/demo/inbox");
  await page.getByTestId("conversation-row").filter({ hasText: "عمر حداد" }).click();
  const name = page.getByRole("heading", { name: "عمر حداد", level: 1 });
  await expect(name).toBeVisible();
  // Where the name's text begins against where its heading box begins: at the right end before.
  const textOffset = () =>
    name.evaluate((heading) => {
      const range = document.createRange();
      range.selectNodeContents(heading);
      return Math.round(range.getBoundingClientRect().left - heading.getBoundingClientRect().left);
    });
  await expect.poll(textOffset).toBeLessThanOrEqual(1);
});
