/**
 * What a rep on a slow phone sees, in Chromium at 360×800 with the CPU slowed 4×, against baselines
 * from the same server in the same run:
 *  - the inbox's largest paint and first conversation row, beside the app's simplest page (the 404);
 *  - a tap on a row (a finger down 100 ms, as a person taps) until the thread's newest message is
 *    on screen, beside the same tap on a thread already loaded (nothing left to fetch: the floor).
 */
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { median } from "./stats";

const RUNS = 7;
const CPU_SLOWDOWN = 4;
const FINGER_DOWN_MS = 100;

const round = (value: number) => Math.round(value);

async function slowPhone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  await context.addInitScript(() => {
    const w = window as unknown as { __lcp: number; __firstRow: number };
    w.__lcp = 0;
    w.__firstRow = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__lcp = entry.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
    new MutationObserver(() => {
      if (!w.__firstRow && document.querySelector('[data-testid="conversation-row"]')) w.__firstRow = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  return { context, page };
}

/** Largest contentful paint (and the first row, where the page has rows) of one cold load. */
async function load(browser: Browser, url: string, ready: string): Promise<{ lcp: number; firstRow: number }> {
  const { context, page } = await slowPhone(browser);
  try {
    await page.goto(url);
    await page.locator(ready).first().waitFor();
    // LCP is final at the first input: read it once it is reported and the page has gone quiet.
    await page.waitForFunction(() => (window as unknown as { __lcp: number }).__lcp > 0);
    await page.waitForLoadState("networkidle");
    return await page.evaluate(() => {
      const w = window as unknown as { __lcp: number; __firstRow: number };
      return { lcp: w.__lcp, firstRow: w.__firstRow };
    });
  } finally {
    await context.close();
  }
}

/** A person's tap on the row: finger down, 100 ms, finger up; ms until the thread's newest message shows. */
async function tap(page: Page, rowIndex: number): Promise<number> {
  const row = page.getByTestId("conversation-row").nth(rowIndex);
  await row.scrollIntoViewIfNeeded();
  const box = await row.boundingBox();
  if (!box) throw new Error("row not on screen");
  const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const cdp = await page.context().newCDPSession(page);
  const started = performance.now();
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point] });
  await new Promise((resolve) => setTimeout(resolve, FINGER_DOWN_MS));
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await page.getByTestId("thread-view").getByTestId("message").last().waitFor();
  return performance.now() - started;
}

export async function firstPaintBench(origin: string) {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
  try {
    const inbox: { lcp: number; firstRow: number }[] = [];
    const shell: { lcp: number; firstRow: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      shell.push(await load(browser, `${origin}/bench-baseline-404`, '[data-testid="not-found"]'));
      inbox.push(await load(browser, `${origin}/a/demo/inbox`, '[data-testid="conversation-row"]'));
    }
    const shellLcp = median(shell.map((s) => s.lcp));
    const inboxLcp = median(inbox.map((s) => s.lcp));

    const { context, page } = await slowPhone(browser);
    const cold: number[] = [];
    const warm: number[] = [];
    try {
      await page.goto(`${origin}/a/demo/inbox`);
      await page.getByTestId("conversation-row").nth(RUNS + 1).waitFor();
      for (let run = 0; run < RUNS; run++) {
        // First visit: the thread's newest messages have to be fetched.
        cold.push(await tap(page, run + 1));
        await page.getByTestId("thread-back").click();
        await page.getByTestId("inbox-list").waitFor();
        // Again: everything is loaded, only the screen changes.
        warm.push(await tap(page, run + 1));
        await page.getByTestId("thread-back").click();
        await page.getByTestId("inbox-list").waitFor();
      }
    } finally {
      await context.close();
    }
    const coldMs = median(cold);
    const warmMs = median(warm);
    return {
      paint: [
        { page: "404, the simplest page (baseline)", lcpMs: round(shellLcp), firstRowMs: null, ratio: 1 },
        { page: "inbox /a/demo/inbox", lcpMs: round(inboxLcp), firstRowMs: round(median(inbox.map((s) => s.firstRow))), ratio: Math.round((inboxLcp / shellLcp) * 100) / 100 },
      ],
      tap: [
        { tap: "a thread already loaded (baseline: nothing to fetch)", medianMs: round(warmMs), ratio: 1 },
        { tap: "a thread never opened (its newest messages fetched)", medianMs: round(coldMs), ratio: Math.round((coldMs / warmMs) * 100) / 100 },
      ],
    };
  } finally {
    await browser.close();
  }
}
