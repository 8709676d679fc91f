import type { Page } from "@playwright/test";
import { modernScriptSources } from "../../bench/page-scripts";

/*
 * Code a page loads after its first scripts (lib/client/lazy-code.ts, the outbox, the schemas):
 * a test holds it back to see the moment before it arrives.
 */

/**
 * How to open a page while its later scripts are held: not waiting for its load event, which a held
 * script asked for before it fires would keep back until the test releases it (after the wait).
 */
export const HELD_LOAD = { waitUntil: "domcontentloaded" } as const;

/** Holds every script `path` asks for beyond the ones its HTML names (but TanStack Virtual's), until `release`. */
export async function holdLaterScripts(page: Page, path: string): Promise<{ held: string[]; release: () => void }> {
  const html = await (await page.request.get(path)).text();
  const firstLoad = new Set(modernScriptSources(html).map((src) => new URL(src, "http://first.load").pathname));
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: string[] = [];
  await page.route("**/_next/static/chunks/**/*.js", async (route) => {
    const requested = new URL(route.request().url()).pathname;
    if (firstLoad.has(requested)) return route.continue();
    const script = await route.fetch();
    if (!holdsTanStackVirtual(await script.text())) {
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
