import { expect, request as playwrightRequest, test } from "@playwright/test";
import { modernScriptSources } from "../../bench/page-scripts";
import { E2E } from "../support/env";

/**
 * The inbox's first-load JavaScript (issue 11) holds no zod: the page arrives rendered with its
 * data, and the schemas that parse later answers load when the page is idle
 * (lib/client/response-schemas.ts). A component importing a schema module would put zod back.
 */
test("the demo inbox's first-load scripts hold no zod", async () => {
  const visitor = await playwrightRequest.newContext({ baseURL: E2E.demoUrl });
  try {
    const page = await visitor.get("/a/demo/inbox");
    expect(page.status()).toBe(200);
    const sources = modernScriptSources(await page.text());
    expect(sources.length).toBeGreaterThan(3);
    for (const source of sources) {
      const script = await visitor.get(source);
      expect(script.status(), source).toBe(200);
      // zod's internals are kept under `_zod` on every schema: a name minifying cannot rename.
      expect(await script.text(), source).not.toContain("_zod");
    }
  } finally {
    await visitor.dispose();
  }
});
