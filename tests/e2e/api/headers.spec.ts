import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, request as playwrightRequest, test, type APIResponse } from "@playwright/test";
import { errorEnvelopeSchema } from "@/lib/contracts/errors";
import { E2E } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";

/**
 * The headers every answer carries, checked on pages (the inbox, signed in; sign-in, signed out) and
 * on API answers (a list, and errors from a route and from the proxy); then, in a real browser, that
 * the inbox will not render inside a frame on another origin.
 */

const INBOX = "/a/linkup/inbox";
/** LinkedIn's media hosts: the only images from elsewhere (a tracking pixel in a message sees nothing). */
const LINKEDIN_MEDIA_HOST = /^https:\/\/(\*\.)?([a-z0-9-]+\.)*licdn\.com$/;

type Csp = Map<string, string[]>;

function parseCsp(header: string | undefined): Csp {
  expect(header, "content-security-policy").toBeTruthy();
  const directives = new Map<string, string[]>();
  for (const part of header!.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

/** The nonce of script-src, checked to be the only way an inline script runs. */
function checkCsp(csp: Csp, where: string): string {
  const scriptSrc = csp.get("script-src") ?? csp.get("default-src") ?? [];
  const nonces = scriptSrc.filter((value) => /^'nonce-[A-Za-z0-9+/=_-]{16,}'$/.test(value));
  expect(nonces, `${where}: one nonce in script-src`).toHaveLength(1);
  expect(scriptSrc, `${where}: script-src`).not.toContain("'unsafe-inline'");
  expect(scriptSrc, `${where}: script-src`).not.toContain("'unsafe-eval'");
  for (const value of scriptSrc) expect(value, `${where}: script-src allows a whole scheme or host`).not.toMatch(/^(\*|https?:|data:|blob:)$/);
  expect(csp.get("frame-ancestors"), `${where}: frame-ancestors`).toEqual(["'none'"]);
  expect(csp.get("object-src"), `${where}: object-src`).toEqual(["'none'"]);
  expect(csp.get("default-src"), `${where}: default-src`).toEqual(["'self'"]);
  expect(["'none'", "'self'"], `${where}: base-uri`).toContain(csp.get("base-uri")?.join(" "));
  const imgSrc = csp.get("img-src") ?? [];
  expect(imgSrc, `${where}: img-src`).toContain("'self'");
  for (const source of imgSrc) {
    expect(["'self'", "data:", "blob:"].includes(source) || LINKEDIN_MEDIA_HOST.test(source), `${where}: img-src ${source}`).toBe(true);
  }
  return nonces[0]!.slice("'nonce-".length, -1);
}

/** Every answer, page or API: the headers of lib/proxy/security-headers.ts. */
function checkSecurityHeaders(response: APIResponse, where: string): string {
  const headers = response.headers();
  const hsts = /max-age=(\d+)/.exec(headers["strict-transport-security"] ?? "");
  expect(Number(hsts?.[1] ?? 0), `${where}: Strict-Transport-Security max-age (a year at least)`).toBeGreaterThanOrEqual(31_536_000);
  expect(headers["x-content-type-options"], `${where}: X-Content-Type-Options`).toBe("nosniff");
  expect(headers["x-frame-options"], `${where}: X-Frame-Options`).toBe("DENY");
  // A conversation's URL names the conversation: no other site may learn it.
  expect(["no-referrer", "same-origin"], `${where}: Referrer-Policy`).toContain(headers["referrer-policy"]);
  const permissions = headers["permissions-policy"] ?? "";
  for (const feature of ["camera", "microphone", "geolocation"]) expect(permissions, `${where}: Permissions-Policy`).toContain(`${feature}=()`);
  return checkCsp(parseCsp(headers["content-security-policy"]), where);
}

/** Every <script> in the HTML carries the nonce of this very answer's CSP. */
function checkScripts(html: string, nonce: string, where: string): void {
  const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
  expect(scripts.length, `${where}: the page has scripts`).toBeGreaterThan(0);
  for (const tag of scripts) expect(/\snonce="([^"]*)"/.exec(tag)?.[1], `${where}: ${tag.slice(0, 120)}`).toBe(nonce);
}

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("pages: a fresh CSP nonce per answer on every script, no inline script without it, no framing, and the other headers", async ({ request }) => {
  const signedOut = await playwrightRequest.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] } });
  try {
    for (const [context, path] of [[request, INBOX], [signedOut, "/sign-in"]] as const) {
      const nonces: string[] = [];
      for (let load = 0; load < 2; load++) {
        const response = await context.get(path, { maxRedirects: 0 });
        expect(response.status(), `${path}: ${response.status()}`).toBe(200);
        expect(response.headers()["content-type"]).toMatch(/^text\/html/);
        const nonce = checkSecurityHeaders(response, path);
        checkScripts(await response.text(), nonce, path);
        nonces.push(nonce);
      }
      expect(new Set(nonces).size, `${path}: two loads, two nonces`).toBe(2);
    }
  } finally {
    await signedOut.dispose();
  }
});

test("API answers: the same headers, and never cached (a list, a route's error, the proxy's error, a signed-out 401)", async ({ request }) => {
  const signedOut = await playwrightRequest.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] } });
  try {
    const answers = [
      { what: "GET /api/accounts", response: await request.get("/api/accounts"), status: 200, cacheControl: "private, no-store" },
      { what: "an account that does not exist", response: await request.get("/api/accounts/no-such-account/conversations"), status: 404, cacheControl: "private, no-store" },
      { what: "an unknown API path", response: await request.get("/api/no-such-endpoint"), status: 404, cacheControl: "private, no-store" },
      { what: "signed out", response: await signedOut.get("/api/me"), status: 401, cacheControl: "private, no-store" },
      // The proxy's own answer to a path Next cannot decode (before any route runs).
      { what: "a malformed path", response: await request.get("/api/accounts/%ff/conversations"), status: 400, cacheControl: undefined },
    ];
    for (const { what, response, status, cacheControl } of answers) {
      expect(response.status(), what).toBe(status);
      expect(response.headers()["content-type"], what).toMatch(/^application\/json/);
      checkSecurityHeaders(response, what);
      const cache = response.headers()["cache-control"] ?? "";
      if (cacheControl) expect(cache, `${what}: Cache-Control`).toBe(cacheControl);
      else expect(cache.split(/,\s*/), `${what}: Cache-Control`).toContain("no-store");
      if (status >= 400) errorEnvelopeSchema.parse(await response.json());
    }
  } finally {
    await signedOut.dispose();
  }
});

test("the inbox refuses to render in a frame on another origin: the browser blocks it for frame-ancestors", async ({ page }) => {
  const inboxUrl = `${E2E.appUrl}${INBOX}`;
  // Another origin on this machine (same site, so the admin's cookie goes along and the inbox is
  // really served): a page with two frames, a frameable control and the inbox.
  const host = http.createServer((_, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><title>Another site</title>` +
        `<iframe id="control" name="control" src="${E2E.fakeUpstreamUrl}/__control/health"></iframe>` +
        `<iframe id="app" name="app" src="${inboxUrl}" width="800" height="600"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  const hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}/`;
  try {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (message.text().includes("frame-ancestors")) violations.push(message.text());
    });
    const served = page.waitForResponse((response) => response.url() === inboxUrl);
    await page.goto(hostUrl);

    // The app did answer, signed in: what stops it is the answer's own policy.
    const response = await served;
    expect(response.status()).toBe(200);
    expect(await response.headerValue("content-security-policy")).toContain("frame-ancestors 'none'");
    // Frames do render on this page…
    await expect(page.frameLocator("#control").locator("body")).toHaveText('{"ok":true}');
    // …but not the inbox: Chromium shows its error page instead, and says why.
    await expect.poll(() => page.frame({ name: "app" })?.url()).toBe("chrome-error://chromewebdata/");
    await expect(page.frameLocator("#app").getByTestId("conversation-row")).toHaveCount(0);
    await expect(page.frameLocator("#app").getByTestId("inbox-list")).toHaveCount(0);
    await expect.poll(() => violations.join("\n")).toMatch(new RegExp(`Framing '${E2E.appUrl}/?' violates .*"frame-ancestors 'none'"`));

    // Opened directly, the same page lists conversations: their absence above is the frame's doing.
    await page.goto(inboxUrl);
    await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  } finally {
    host.closeAllConnections();
    await new Promise((resolve) => host.close(resolve));
  }
});
