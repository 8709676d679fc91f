import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { ERROR_STATUS, errorEnvelope } from "@/lib/contracts/errors";
import { malformedPathReason } from "@/lib/proxy/malformed-path";
import { contentSecurityPolicy, securityHeaders } from "@/lib/proxy/security-headers";
import { signInHref } from "@/lib/client/routes";
import { getEnv } from "@/lib/server/env";

/** Pages a signed-out visitor may open: signing in, joining by invitation, the first admin's setup. */
const OPEN_PAGES = /^\/(sign-in|join|setup)(\/|$)/;
/** Files in public/ (icons, robots.txt, the manifest) and Next's own. */
const STATIC_FILE = /^\/(_next\/|[^/]+\.[a-z0-9]+$|icons\/)/i;

/**
 * Runs before routing, on every request: a path Next.js cannot decode gets our error envelope (not
 * its bare 500); every answer gets the security headers and a fresh CSP nonce; a page asked for
 * without a session cookie goes to sign-in and comes back afterwards. This is the quick check only:
 * every API route and page checks the session itself (lib/server/auth).
 */
export function proxy(request: NextRequest): NextResponse {
  const url = new URL(request.url);
  const nonce = btoa(crypto.randomUUID());
  const env = getEnv();
  const csp = contentSecurityPolicy(nonce, { dev: env.NODE_ENV === "development", https: url.protocol === "https:" });
  const headers = securityHeaders(csp);

  const reason = malformedPathReason(url.pathname);
  if (reason !== null) {
    return withHeaders(NextResponse.json(errorEnvelope("bad_request", reason), { status: ERROR_STATUS.bad_request, headers: { "cache-control": "private, no-store" } }), headers);
  }

  const isPage = !/^\/api(\/|$)/.test(url.pathname) && !STATIC_FILE.test(url.pathname);
  const signInNeeded = env.accounts.length > 0;
  if (isPage && signInNeeded && !OPEN_PAGES.test(url.pathname) && !getSessionCookie(request)) {
    return withHeaders(NextResponse.redirect(new URL(signInHref(`${url.pathname}${url.search}`), url)), headers);
  }

  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", csp);
  forwarded.set("x-nonce", nonce);
  // Where the visitor was going, for the page's own session check to send them back there.
  forwarded.set("x-threadline-path", `${url.pathname}${url.search}`);
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers);
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Every path but Next's own build assets (they carry no data and must stay cacheable).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
