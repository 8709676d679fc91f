/**
 * The demo inbox scrolled to its end, page by page, at 360×800 in Chromium: conversations loaded,
 * rows in the DOM, DOM elements and JS heap at the first page and with everything loaded, and the
 * time from each next page's response to its rows painted (the first pages beside the last:
 * rendering cost must not grow with what is loaded).
 */
import { chromium, type Page } from "@playwright/test";
import { domAndHeap, mean } from "./page-measures";
import { round } from "./stats";

/** Pages averaged at each end of the inbox. */
const EDGE_PAGES = 3;

type BenchWindow = Window & { __inbox?: { done: boolean; renderMs: number; responseEnd: number } };

async function listState(page: Page): Promise<{ loaded: number; rows: number; more: boolean }> {
  return page.evaluate(() => {
    const list = document.querySelector<HTMLElement>('[data-testid="conversation-list"]')!;
    return {
      loaded: Number(list.dataset.conversationCount),
      rows: list.querySelectorAll('[data-testid="conversation-row"]').length,
      // aria-setsize is -1 while there are more pages to load.
      more: list.querySelector("li[aria-setsize]")?.getAttribute("aria-setsize") === "-1",
    };
  });
}

/** Scrolls the list to its end and waits for the next page: ms from its response to the frame after its rows are in. */
async function nextPage(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = window as BenchWindow;
    const list = document.querySelector<HTMLElement>('[data-testid="conversation-list"]')!;
    const scroller = document.querySelector<HTMLElement>('[data-testid="inbox-list"]')!;
    const state = { done: false, renderMs: 0, responseEnd: 0 };
    w.__inbox = state;
    new PerformanceObserver((entries, observer) => {
      const next = entries.getEntries().find((e) => e.name.includes("/conversations?") && e.name.includes("cursor="));
      if (!next) return;
      state.responseEnd = (next as PerformanceResourceTiming).responseEnd;
      observer.disconnect();
    }).observe({ type: "resource" });
    const count = list.dataset.conversationCount;
    const observer = new MutationObserver(() => {
      if (list.dataset.conversationCount === count) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        state.renderMs = performance.now() - state.responseEnd;
        state.done = true;
      });
    });
    observer.observe(list, { attributes: true, attributeFilter: ["data-conversation-count"] });
    scroller.scrollTo({ top: scroller.scrollHeight });
  });
  await page.waitForFunction(() => (window as BenchWindow).__inbox?.done === true, undefined, { timeout: 30_000 });
  return page.evaluate(() => (window as BenchWindow).__inbox!.renderMs);
}

export async function longInboxBench(origin: string) {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(`${origin}/a/demo/inbox`);
    await page.getByTestId("conversation-row").first().waitFor();
    const first = { ...(await domAndHeap(page)), ...(await listState(page)) };
    const renderMs: number[] = [];
    while ((await listState(page)).more) renderMs.push(await nextPage(page));
    const end = { ...(await domAndHeap(page)), ...(await listState(page)) };
    await context.close();

    const firstMs = mean(renderMs.slice(0, EDGE_PAGES));
    const lastMs = mean(renderMs.slice(-EDGE_PAGES));
    const row = (measure: string, atFirst: number, allLoaded: number) => ({ measure, firstPage: round(atFirst, 1), allLoaded: round(allLoaded, 1), ratio: round(allLoaded / atFirst, 1) });
    return {
      longInbox: [
        row("conversations loaded", first.loaded, end.loaded),
        row("conversation rows in the DOM", first.rows, end.rows),
        row("DOM elements (whole page)", first.dom, end.dom),
        row("JS heap, MB (after GC)", first.heapMb, end.heapMb),
        row(`ms from a next page's response to its rows painted (mean of ${EDGE_PAGES})`, firstMs, lastMs),
      ],
    };
  } finally {
    await browser.close();
  }
}
