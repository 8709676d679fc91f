import { expect, type Locator } from "@playwright/test";

/**
 * A retrying size check: a box read once can land while the page swaps a loading screen for the
 * real one (no box, or a half-laid-out one), so it is read until it holds or the expect times out.
 */
export async function expectTouchTarget(target: Locator, min = 44, sides: "height" | "both" = "height"): Promise<void> {
  await expect(target).toBeVisible();
  await expect
    .poll(async () => {
      const box = await target.boundingBox();
      if (!box) return 0;
      return sides === "both" ? Math.min(box.width, box.height) : box.height;
    })
    .toBeGreaterThanOrEqual(min);
}
