import { expect, request as playwrightRequest, test } from "@playwright/test";
import { z } from "zod";
import { E2E } from "../support/env";

/**
 * Installable (issue 12): the web app manifest and every icon it names load for anyone (a phone
 * asks for them before signing in), and every page links the manifest, the touch icon and the favicon.
 */

const manifestSchema = z.object({
  name: z.literal("Threadline"),
  short_name: z.string().min(1).max(12),
  start_url: z.literal("/"),
  display: z.literal("standalone"),
  theme_color: z.string().regex(/^#[0-9a-f]{6}$/i),
  background_color: z.string().regex(/^#[0-9a-f]{6}$/i),
  icons: z.array(z.object({ src: z.string().startsWith("/"), sizes: z.string(), type: z.literal("image/png"), purpose: z.string().optional() })),
});

test("the manifest and its icons load signed out, and the sign-in page links them", async () => {
  const visitor = await playwrightRequest.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] } });
  try {
    const page = await visitor.get("/sign-in");
    expect(page.status()).toBe(200);
    const html = await page.text();
    const manifestHref = /<link rel="manifest" href="([^"]+)"/.exec(html)?.[1];
    expect(manifestHref, "a <link rel=manifest>").toBeTruthy();
    expect(html).toContain('rel="apple-touch-icon"');

    const answer = await visitor.get(manifestHref!);
    expect(answer.status()).toBe(200);
    const manifest = manifestSchema.parse(await answer.json());
    const sizes = manifest.icons.map((icon) => `${icon.sizes}${icon.purpose === "maskable" ? " maskable" : ""}`);
    expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512", "512x512 maskable"]));

    for (const path of [...manifest.icons.map((icon) => icon.src), "/apple-touch-icon.png", "/favicon.ico", "/icon.svg"]) {
      const file = await visitor.get(path, { maxRedirects: 0 });
      expect(file.status(), path).toBe(200);
      expect(file.headers()["content-type"], path).toMatch(/^image\//);
    }
  } finally {
    await visitor.dispose();
  }
});
