/**
 * The demo's 10,000-message thread scrolled all the way back, page by page, at 360×800 in
 * Chromium: DOM elements and JS heap at the start and at the end, the time from each older page's
 * response to its rows painted (the first pages beside the last: rendering cost must not grow
 * with what is loaded), how far the message being read moves when a page lands, and whether any
 * page was fetched twice.
 */
import { chromium, type Page } from "@playwright/test";
import { domAndHeap, mean } from "./page-measures";
import { round } from "./stats";

/** Pages averaged at each end of the thread. */
const EDGE_PAGES = 10;
/** Frames watched after a page lands, for the message being read to move. */
const WATCHED_FRAMES = 8;

type PageLanded = { loaded: number; renderMs: number; jumpPx: number };
type BenchWindow = Window & { __bench?: { done: boolean; error: string; renderMs: number; jumpPx: number; responseEnd: number } };

const round1 = (value: number) => round(value, 1);

async function loadedCount(page: Page): Promise<number> {
  return Number(await page.getByTestId("message-list").getAttribute("data-message-count"));
}

/**
 * Scrolls the thread to its top and waits for the next older page: from its response to the
 * frame after its rows are in the DOM, and the largest move of the message that was at the top of
 * the viewport over the frames that follow.
 */
async function olderPage(page: Page): Promise<PageLanded> {
  await page.evaluate(
    ({ frames }) => {
      const w = window as BenchWindow;
      const list = document.querySelector<HTMLElement>('[data-testid="message-list"]')!;
      const scroller = list.closest<HTMLElement>(".overflow-y-auto")!;
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));
      const state = { done: false, error: "", renderMs: 0, jumpPx: 0, responseEnd: 0 };
      w.__bench = state;
      new PerformanceObserver((entries, observer) => {
        const older = entries.getEntries().find((e) => e.name.includes("/messages?") && e.name.includes("cursor="));
        if (!older) return;
        state.responseEnd = (older as PerformanceResourceTiming).responseEnd;
        observer.disconnect();
      }).observe({ type: "resource" });
      scroller.scrollTo({ top: 0 });
      void (async () => {
        await frame();
        await frame();
        const top = scroller.getBoundingClientRect().top;
        const anchor = [...list.querySelectorAll<HTMLElement>('[data-testid="message"]')].find((m) => m.getBoundingClientRect().bottom > top);
        if (!anchor) {
          state.error = `no message on screen at scrollTop ${scroller.scrollTop}`;
          return;
        }
        const id = anchor.dataset.messageId!;
        const before = anchor.getBoundingClientRect().top;
        const count = list.dataset.messageCount;
        const observer = new MutationObserver(() => {
          if (list.dataset.messageCount === count) return;
          observer.disconnect();
          void (async () => {
            const painted = await frame();
            state.renderMs = painted - state.responseEnd;
            for (let i = 0; i < frames; i++) {
              const now = list.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(id)}"]`);
              state.jumpPx = Math.max(state.jumpPx, now ? Math.abs(now.getBoundingClientRect().top - before) : Infinity);
              await frame();
            }
            state.done = true;
          })();
        });
        observer.observe(list, { attributes: true, attributeFilter: ["data-message-count"] });
      })();
    },
    { frames: WATCHED_FRAMES },
  );
  await page.waitForFunction(() => (window as BenchWindow).__bench?.done === true || (window as BenchWindow).__bench?.error, undefined, { timeout: 30_000 });
  const { renderMs, jumpPx, error } = await page.evaluate(() => (window as BenchWindow).__bench!);
  if (error) throw new Error(error);
  return { loaded: await loadedCount(page), renderMs, jumpPx };
}

export async function longThreadBench(origin: string, participant: string) {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    // tsx keeps function names with a helper the page does not have.
    await context.addInitScript("window.__name = (fn) => fn");
    const page = await context.newPage();
    const cursors: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      const cursor = url.searchParams.get("cursor");
      if (url.pathname.endsWith("/messages") && cursor) cursors.push(cursor);
    });
    await page.goto(`${origin}/a/demo/inbox`);
    await page.getByTestId("conversation-row").filter({ hasText: participant }).click();
    await page.getByTestId("thread-view").getByTestId("message").last().waitFor();
    const opened = { ...(await domAndHeap(page)), loaded: await loadedCount(page) };

    const pages: PageLanded[] = [];
    const start = page.getByText(`Start of your conversation with ${participant}`);
    while (!(await start.isVisible())) pages.push(await olderPage(page));
    const end = { ...(await domAndHeap(page)), loaded: await loadedCount(page) };
    await context.close();

    const first = pages.slice(0, EDGE_PAGES).map((p) => p.renderMs);
    const last = pages.slice(-EDGE_PAGES).map((p) => p.renderMs);
    const firstMs = mean(first);
    const lastMs = mean(last);
    return {
      longThread: [
        { measure: "messages loaded", atOpen: opened.loaded, fullyScrolledBack: end.loaded, ratio: round1(end.loaded / opened.loaded) },
        { measure: "DOM elements (whole page)", atOpen: opened.dom, fullyScrolledBack: end.dom, ratio: round1(end.dom / opened.dom) },
        { measure: "JS heap, MB (after GC)", atOpen: opened.heapMb, fullyScrolledBack: end.heapMb, ratio: round1(end.heapMb / opened.heapMb) },
        { measure: `ms from an older page's response to its rows painted (mean of ${EDGE_PAGES})`, atOpen: round1(firstMs), fullyScrolledBack: round1(lastMs), ratio: round1(lastMs / firstMs) },
      ],
      longThreadPaging: {
        pages: pages.length,
        requests: cursors.length,
        distinctCursors: new Set(cursors).size,
        maxPrependJumpPx: round1(Math.max(...pages.map((p) => p.jumpPx))),
        meanRenderMs: round1(mean(pages.map((p) => p.renderMs))),
      },
    };
  } finally {
    await browser.close();
  }
}
