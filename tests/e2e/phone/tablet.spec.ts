import { expect, test } from "@playwright/test";
import { fakeUpstream } from "../support/fake-upstream";
import { expectTouchTarget } from "../support/size";

/**
 * A touch tablet in landscape gets the desktop layout (1024 px and up) but has no mouse: nothing may
 * hide until hovered, and every control stays a 44 px touch target. The phone project's device has
 * touch (no hover, a coarse pointer); only the viewport is a tablet's.
 */
test.use({ viewport: { width: 1180, height: 820 } });

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("a touch tablet in landscape: each row's actions show without a hover, and the top bar's controls are 44 px touch targets", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  const rows = page.getByTestId("conversation-row");
  await expect(rows.nth(2)).toBeVisible();
  // The desktop layout: the thread pane beside the list.
  await expect(page.getByTestId("no-thread-selected")).toBeVisible();

  const more = page.getByTestId("row-actions").first();
  await expect(more).toHaveCSS("opacity", "1");
  await expectTouchTarget(more, 44, "both");
  await expectTouchTarget(page.getByTestId("account-menu"), 44, "both");
  await expectTouchTarget(page.getByRole("combobox", { name: "Account" }));

  await more.tap();
  await expect(page.getByTestId("row-actions-sheet")).toBeVisible();
});
