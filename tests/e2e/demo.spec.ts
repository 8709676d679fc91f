import { expect, test } from "@playwright/test";
import { E2E } from "./support/env";
import { saveScreenshot } from "./support/screens";

test.use({ baseURL: E2E.demoUrl });

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
