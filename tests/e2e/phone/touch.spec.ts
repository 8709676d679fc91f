import { expect, test } from "@playwright/test";
import { fakeUpstream } from "../support/fake-upstream";

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("touch targets are at least 44px tall on a phone", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  for (const target of [page.getByTestId("category-tab").first(), page.getByTestId("conversation-row").first(), page.getByLabel("Account")]) {
    const box = await target.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  }
  await page.getByTestId("conversation-row").first().click();
  const back = page.getByTestId("thread-back");
  await expect(back).toBeVisible();
  const box = await back.boundingBox();
  expect(Math.min(box?.height ?? 0, box?.width ?? 0)).toBeGreaterThanOrEqual(44);
  await back.click();
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);
});

test("the people panel's controls are at least 44px on a phone", async ({ page }) => {
  await page.goto("/a/linkedapi/inbox");
  const panel = page.getByTestId("people-panel");
  for (const target of [panel.getByLabel("LinkedIn profile URL"), panel.getByTestId("add-person")]) {
    const box = await target.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
  }
});
