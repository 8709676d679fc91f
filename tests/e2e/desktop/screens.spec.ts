import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { fakeUpstream } from "../support/fake-upstream";

/**
 * Issue 12: the screens a rep sees, at 320, 360, 768 and 1440 px wide, light and dark (saved as
 * test artifacts: test-results/…/desktop-<screen>-<width>-<scheme>.png). At 320 px nothing is
 * wider than the screen; at 360×800 every visible tappable thing is at least 44 px.
 * One project only: the viewport is set per shot.
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

const WIDTHS = [320, 360, 768, 1440] as const;
const HEIGHT = { 320: 640, 360: 800, 768: 1024, 1440: 900 } as const;

/** Elements whose right edge passes the viewport's (the page scrolls inside panes, so none may). */
function elementsWiderThanViewport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of document.body.querySelectorAll<HTMLElement>("*")) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      // Inside a sideways scroller (the category chips), being past the edge is what scrolling is for.
      const scroller = el.parentElement?.closest<HTMLElement>("ul, div");
      const scrolled = scroller !== null && scroller !== undefined && scroller !== el && getComputedStyle(scroller).overflowX !== "visible" && scroller.getBoundingClientRect().right <= width + 0.5;
      // Inside a line cut short with an ellipsis that fits, nothing shows past the edge.
      let line = el.parentElement;
      while (line && line !== document.body && getComputedStyle(line).textOverflow !== "ellipsis") line = line.parentElement;
      const cutShort = line !== null && line !== document.body && line.getBoundingClientRect().right <= width + 0.5;
      const clipped = scrolled || cutShort;
      if (box.right > width + 0.5 && !clipped) out.push(`${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ""} right=${Math.round(box.right)}`);
    }
    return out.slice(0, 10);
  });
}

/**
 * Visible links, buttons and fields smaller than 44 px (links inside message text are words in a
 * sentence: exempt; a checkbox counts with its label).
 */
function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const targets = document.querySelectorAll<HTMLElement>("a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]");
    for (const el of targets) {
      if (el.matches("[data-inline-link]")) continue;
      // A checkbox or radio is tapped through its label: the label is the target.
      const label = el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio") ? el.closest("label") : null;
      const box = (label ?? el).getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === "hidden" || Number(style.opacity) === 0) continue;
      if (box.bottom < 0 || box.top > window.innerHeight) continue;
      if (box.height < 43.5 || box.width < 43.5) out.push(`${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return out;
  });
}

async function shoot(page: Page, testInfo: TestInfo, screen: string, ready: () => Promise<void>): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT[width] });
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: "reduce" });
      await ready();
      const path = testInfo.outputPath(`desktop-${screen}-${width}-${colorScheme}.png`);
      await page.screenshot({ path });
      await testInfo.attach(`${screen}-${width}-${colorScheme}`, { path, contentType: "image/png" });
    }
    if (width === 320) await expect.poll(() => elementsWiderThanViewport(page), `${screen} at 320 px`).toEqual([]);
    if (width === 360) await expect.poll(() => smallTapTargets(page), `${screen} at 360×800`).toEqual([]);
  }
}

test("inbox, search, thread and not found at 320, 360, 768 and 1440 px, light and dark: nothing too wide, nothing too small to tap", async ({ page }, testInfo) => {
  const rows = page.getByTestId("conversation-row");
  await page.goto("/a/linkup/inbox");
  await shoot(page, testInfo, "inbox", () => expect(rows.nth(2)).toBeVisible());

  const name = (await rows.first().getByTestId("conversation-name").textContent()) ?? "";
  const surname = name.trim().split(/\s+/).at(-1) ?? "";
  await page.goto(`/a/linkup/inbox?q=${encodeURIComponent(surname)}`);
  await shoot(page, testInfo, "search", () => expect(rows.first()).toBeVisible());

  await page.goto("/a/linkup/inbox");
  await rows.nth(1).click();
  await shoot(page, testInfo, "thread", () => expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible());

  await page.goto("/a/linkup/inbox/c/no-such-conversation");
  await shoot(page, testInfo, "conversation-not-found", () => expect(page.getByTestId("not-found")).toBeVisible());

  await page.goto("/no-such-page");
  await shoot(page, testInfo, "page-not-found", () => expect(page.getByTestId("not-found")).toBeVisible());

  await page.goto("/team");
  await shoot(page, testInfo, "team", () => expect(page.getByRole("heading", { level: 1 })).toBeVisible());
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page at 320, 360, 768 and 1440 px, light and dark", async ({ page }, testInfo) => {
    await page.goto("/sign-in");
    await shoot(page, testInfo, "sign-in", () => expect(page.getByLabel("Email", { exact: true })).toBeVisible());
  });
});
