import { LINKEDIN_MEDIA_SOURCES } from "@/lib/contracts/media-hosts";

/**
 * The headers every answer carries, pages and API alike. The Content-Security-Policy is per
 * request: Next.js reads its nonce from the request's copy and puts it on its own scripts, so no
 * other script runs; images come only from us and LinkedIn's media hosts (a tracking pixel in a
 * message cannot see who reads it); nothing frames the inbox.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // Style attributes (React's style={…}) cannot carry a nonce; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${LINKEDIN_MEDIA_SOURCES.join(" ")}`,
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    "worker-src 'self'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    "content-security-policy": csp,
    "strict-transport-security": "max-age=63072000; includeSubDomains",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    // A conversation's URL names the conversation: never tell another site where the rep came from.
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
    "x-robots-tag": "noindex, nofollow",
  };
}
