import type { Page } from "@playwright/test";
import { modernScriptSources } from "../../bench/page-scripts";

/*
 * Code a page loads after its first scripts (lib/client/lazy-code.ts, the outbox, the schemas), or
 * all of its code: a test holds it back to see the moment before it arrives.
 */

/**
 * How to open a page while its later scripts are held: not waiting for its load event, which a held
 * script asked for before it fires would keep back until the test releases it (after the wait).
 */
export const HELD_LOAD = { waitUntil: "domcontentloaded" } as const;

/** Holds every script `path` asks for beyond the ones its HTML names (but TanStack Virtual's), until `release`. */
export async function holdLaterScripts(page: Page, path: string): Promise<{ held: string[]; release: () => Promise<void> }> {
  const html = await (await page.request.get(path)).text();
  const firstLoad = new Set(modernScriptSources(html).map((src) => new URL(src, "http://first.load").pathname));
  return holdScripts(page, (requested, script) => !firstLoad.has(requested) && !holdsTanStackVirtual(script));
}

/** Holds every script of the app, until `release`: the page is the server's HTML alone until then. */
export async function holdEveryScript(page: Page): Promise<{ held: string[]; release: () => Promise<void> }> {
  return holdScripts(page, () => true);
}

/**
 * `release` lets the held scripts go, and waits until every one the page asked for so far has been
 * answered: the page has no route left (none of its own either), and nothing is in flight when the
 * test ends (a handler still reading a script as the page closed would fail it).
 */
async function holdScripts(page: Page, shouldHold: (requested: string, script: string) => boolean): Promise<{ held: string[]; release: () => Promise<void> }> {
  let open: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (open = resolve));
  const release = async () => {
    open();
    await page.unrouteAll({ behavior: "wait" });
  };
  const held: string[] = [];
  await page.route("**/_next/static/chunks/**/*.js", async (route) => {
    const requested = new URL(route.request().url()).pathname;
    const script = await route.fetch();
    if (shouldHold(requested, await script.text())) {
      held.push(requested);
      await released;
    }
    await route.fulfill({ response: script });
  });
  return { held, release };
}

/** Names minifying cannot rename: an option in virtual-core's defaults, and an export of its React adapter. */
function holdsTanStackVirtual(script: string): boolean {
  return script.includes("isScrollingResetDelay") || script.includes("useWindowVirtualizer");
}
