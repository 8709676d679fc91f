import { expect, type Page } from "@playwright/test";

/**
 * A value read from a page that is still settling (a virtual list measuring the rows it has just
 * rendered, then moving its scroll to keep them in place): read until two reads two frames apart
 * agree, and that value is the one to compare with later. A number must be a number.
 */
export async function settledValue<T>(page: Page, read: () => Promise<T>): Promise<T> {
  let settled: T | undefined;
  await expect
    .poll(async () => {
      const first = await read();
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      settled = await read();
      return Object.is(first, settled) && !(typeof settled === "number" && Number.isNaN(settled));
    })
    .toBe(true);
  return settled as T;
}
