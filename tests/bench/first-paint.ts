/**
 * What a rep on a phone sees, in Chromium at 360×800, against baselines from the same server in the
 * same run:
 *  - with the CPU slowed 4×, the inbox's largest paint and first conversation row, beside the app's
 *    simplest page (the 404);
 *  - a tap on a row (a finger down 100 ms, as a person taps) until the thread's newest message is
 *    on screen, beside the same tap on a thread already loaded (nothing left to fetch: the floor),
 *    with the CPU at full speed (as issue 11's target is set) and slowed 4×; timed from the finger
 *    going down and from it lifting, when the browser's click fires.
 */
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { median } from "./stats";

const RUNS = 7;
const SLOW_CPU = 4;
const FINGER_DOWN_MS = 100;

const round = (value: number) => Math.round(value);

async function phone(browser: Browser, cpuSlowdown: number): Promise<{ context: BrowserContext; page: Page }> {
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
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
  return { context, page };
}

/** Largest contentful paint (and the first row, where the page has rows) of one cold load. */
async function load(browser: Browser, url: string, ready: string): Promise<{ lcp: number; firstRow: number }> {
  const { context, page } = await phone(browser, SLOW_CPU);
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

type TapTimes = { fromDown: number; fromUp: number };

/** A person's tap on the row: finger down, 100 ms, finger up; ms from each until the thread's newest message shows. */
async function tap(page: Page, rowIndex: number): Promise<TapTimes> {
  const row = page.getByTestId("conversation-row").nth(rowIndex);
  await row.scrollIntoViewIfNeeded();
  const box = await row.boundingBox();
  if (!box) throw new Error("row not on screen");
  const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const cdp = await page.context().newCDPSession(page);
  const down = performance.now();
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point] });
  await new Promise((resolve) => setTimeout(resolve, FINGER_DOWN_MS));
  const up = performance.now();
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await page.getByTestId("thread-view").getByTestId("message").last().waitFor();
  const shown = performance.now();
  return { fromDown: shown - down, fromUp: shown - up };
}

/** Taps on rows never opened, each followed by a tap on the same row again once it is loaded. */
async function tapRows(browser: Browser, origin: string, cpuSlowdown: number) {
  const { context, page } = await phone(browser, cpuSlowdown);
  const cold: TapTimes[] = [];
  const warm: TapTimes[] = [];
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
  const cpu = cpuSlowdown === 1 ? "full speed" : `${cpuSlowdown}× slower`;
  const medians = (taps: TapTimes[]) => ({ fromDown: median(taps.map((t) => t.fromDown)), fromUp: median(taps.map((t) => t.fromUp)) });
  const coldMs = medians(cold);
  const warmMs = medians(warm);
  return [
    { cpu, tap: "a thread already loaded (baseline: nothing to fetch)", fromFingerDownMs: round(warmMs.fromDown), fromFingerUpMs: round(warmMs.fromUp), ratio: 1 },
    {
      cpu,
      tap: "a thread never opened (its newest messages fetched)",
      fromFingerDownMs: round(coldMs.fromDown),
      fromFingerUpMs: round(coldMs.fromUp),
      ratio: Math.round((coldMs.fromDown / warmMs.fromDown) * 100) / 100,
    },
  ];
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

    // At full speed, as issue 11's tap target is set, and on a slow phone's CPU.
    const tap = [...(await tapRows(browser, origin, 1)), ...(await tapRows(browser, origin, SLOW_CPU))];
    return {
      paint: [
        { page: "404, the simplest page (baseline)", lcpMs: round(shellLcp), firstRowMs: null, ratio: 1 },
        { page: "inbox /a/demo/inbox", lcpMs: round(inboxLcp), firstRowMs: round(median(inbox.map((s) => s.firstRow))), ratio: Math.round((inboxLcp / shellLcp) * 100) / 100 },
      ],
      tap,
    };
  } finally {
    await browser.close();
  }
}
