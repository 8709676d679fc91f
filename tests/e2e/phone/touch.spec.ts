import { expect, test } from "@playwright/test";
import { fakeUpstream } from "../support/fake-upstream";
import { expectTouchTarget } from "../support/size";

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("touch targets are at least 44px tall on a phone", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  for (const target of [page.getByTestId("category-tab").first(), page.getByTestId("conversation-row").first(), page.getByLabel("Account")]) {
    await expectTouchTarget(target);
  }
  await page.getByTestId("conversation-row").first().click();
  const back = page.getByTestId("thread-back");
  await expectTouchTarget(back, 44, "both");
  await back.click();
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);
});

test("the people panel's controls are at least 44px on a phone", async ({ page }) => {
  await page.goto("/a/linkedapi/inbox");
  const panel = page.getByTestId("people-panel");
  for (const target of [panel.getByLabel("LinkedIn profile URL"), panel.getByTestId("add-person")]) {
    await expectTouchTarget(target);
  }
});
