import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { conversationsPageSchema } from "@/lib/contracts/api";
import { modernScriptSources } from "../../bench/page-scripts";
import { E2E } from "../support/env";

/**
 * The first-load JavaScript of the inbox and of a thread (issue 11) holds no zod: the page arrives
 * rendered with its data, the schemas that parse later answers load when the page is idle
 * (lib/client/response-schemas.ts), and the reader of stored drafts when a composer mounts
 * (lib/client/use-draft.ts). A component importing a schema module would put zod back. Nor does
 * either hold TanStack Virtual: the inbox's first screen renders without it, and the virtualizer
 * takes over once loaded; a thread's server-rendered preview shows until its live, virtualized list
 * can mount (lib/client/use-lazy-virtualizer.ts). Nor does the demo inbox hold the people panel,
 * which only Linked API accounts show and load (components/inbox-shell.tsx).
 */
test("the demo inbox's and a demo thread's first-load scripts hold no zod", async () => {
  const visitor = await playwrightRequest.newContext({ baseURL: E2E.demoUrl });
  try {
    const listed = await visitor.get("/api/accounts/demo/conversations?limit=1");
    expect(listed.status()).toBe(200);
    const [first] = conversationsPageSchema.parse(await listed.json()).conversations;
    if (!first) throw new Error("the demo inbox is empty");
    for (const path of ["/a/demo/inbox", `/a/demo/inbox/c/${encodeURIComponent(first.id)}`]) await expectNoZod(visitor, path);
  } finally {
    await visitor.dispose();
  }
});

test("the demo inbox's and a demo thread's first-load scripts hold no TanStack Virtual, the inbox's no people panel, and their rows are in the HTML", async () => {
  const visitor = await playwrightRequest.newContext({ baseURL: E2E.demoUrl });
  try {
    const [first] = conversationsPageSchema.parse(await (await visitor.get("/api/accounts/demo/conversations?limit=1")).json()).conversations;
    if (!first) throw new Error("the demo inbox is empty");
    const pages = [
      // The people panel's label: a string minifying keeps.
      { path: "/a/demo/inbox", rows: 'data-testid="conversation-row"', absent: "People to synchronize" },
      { path: `/a/demo/inbox/c/${encodeURIComponent(first.id)}`, rows: 'data-testid="thread-preview"' },
    ];
    for (const { path, rows, absent } of pages) {
      // As a browser loads a page (a request that accepts HTML): the page then holds its data.
      const page = await visitor.get(path, { headers: { accept: "text/html" } });
      expect(page.status(), path).toBe(200);
      const html = await page.text();
      expect(html, path).toContain(rows);
      const sources = modernScriptSources(html);
      expect(sources.length, path).toBeGreaterThan(3);
      for (const source of sources) {
        const script = await visitor.get(source);
        expect(script.status(), source).toBe(200);
        const code = await script.text();
        // An option's name in virtual-core's defaults: a property name minifying cannot rename.
        expect(code, `${path}: ${source}`).not.toContain("isScrollingResetDelay");
        if (absent) expect(code, `${path}: ${source}`).not.toContain(absent);
      }
    }
  } finally {
    await visitor.dispose();
  }
});

async function expectNoZod(visitor: APIRequestContext, path: string): Promise<void> {
  const page = await visitor.get(path, { headers: { accept: "text/html" } });
  expect(page.status(), path).toBe(200);
  const sources = modernScriptSources(await page.text());
  expect(sources.length).toBeGreaterThan(3);
  for (const source of sources) {
    const script = await visitor.get(source);
    expect(script.status(), source).toBe(200);
    // zod's internals are kept under `_zod` on every schema: a name minifying cannot rename.
    expect(await script.text(), `${path}: ${source}`).not.toContain("_zod");
  }
}
