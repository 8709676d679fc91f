import type { Page, TestInfo } from "@playwright/test";

/** Saves a full-viewport screenshot as a test artifact (test-results/…/<name>.png, also attached to the report). */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${testInfo.project.name}-${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/** The page itself never scrolls sideways (long words, URLs and tab rows must wrap or scroll inside). */
export async function hasNoHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}
