/** Measures of a page in the bench's Chromium, shared by the long-list benches. */
import type { Page } from "@playwright/test";
import { round } from "./stats";

export const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(values.length, 1);

/** Elements in the whole document, and the JS heap after a garbage collection. */
export async function domAndHeap(page: Page): Promise<{ dom: number; heapMb: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  await cdp.detach();
  const dom = await page.evaluate(() => document.querySelectorAll("*").length);
  return { dom, heapMb: round(usedSize / 1_048_576, 1) };
}
