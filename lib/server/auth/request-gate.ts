import "server-only";
import { rateCounter } from "@/lib/server/app-database";
import { getEnv } from "@/lib/server/env";
import { ApiError } from "@/lib/server/errors";
import { clientAddress } from "@/lib/server/http/client-address";
import { webhookAccountIn } from "@/lib/server/push/webhook-account";
import { setCookiesOnAnswer } from "@/lib/server/request-context";
import type { PushProvider, WebhookAccount } from "@/lib/server/push/webhook-config";
import { isDemoMode, viewerFor, type Viewer } from "./viewer";

/**
 * Who may call a route: anyone (sign-in's own doors), any signed-in member, admins only, or a
 * provider delivering an account's webhooks (no session: the delivery proves itself).
 */
export type WebhookAccess = `webhook:${PushProvider}`;
export type Access = "public" | "member" | "admin" | WebhookAccess;

const WEBHOOK_PROVIDER: Record<WebhookAccess, PushProvider> = { "webhook:connectsafely": "connectsafely", "webhook:linkedapi": "linkedapi" };

export function isWebhookAccess(access: Access): access is WebhookAccess {
  return access in WEBHOOK_PROVIDER;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Unauthenticated doors (joining by invitation, the first admin's setup) per client address. */
const PUBLIC_REQUESTS_PER_MINUTE = 30;
/** Per account (a provider sends bursts from a few addresses), and for ConnectSafely per address too: see passGate. */
const WEBHOOK_DELIVERIES_PER_MINUTE = 1_200;

/**
 * Everything a request must pass before any of its input is parsed, in one place: a state-changing
 * request comes from our own pages; there is a session (401); an admin route has an admin (404,
 * revealing nothing); an account in the path is one the viewer may use (404 whatever the path,
 * method or query); and the viewer is within their request rate (429). A webhook's path names an
 * account of that provider with a webhook (404 otherwise, revealing nothing), within its rate.
 */
export async function passGate(request: Request, rawParams: Record<string, unknown>, access: Access): Promise<Viewer | WebhookAccount | undefined> {
  // Providers send no Origin: only a browser's cross-site request is refused here.
  if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request);
  if (isWebhookAccess(access)) {
    const account = webhookAccountIn(WEBHOOK_PROVIDER[access], rawParams);
    // A Linked API path carries its secret, checked above. A ConnectSafely delivery proves itself by
    // its body's signature, checked after this: counted per account alone, anyone's unsigned posts
    // would use up the provider's allowance and hold its real deliveries back.
    const sender = account.provider === "connectsafely" ? `:${clientAddress(request.headers)}` : "";
    await limit(`webhook:${account.id}${sender}`, WEBHOOK_DELIVERIES_PER_MINUTE);
    return account;
  }
  if (access === "public") {
    await limit(`public:${clientAddress(request.headers)}`, PUBLIC_REQUESTS_PER_MINUTE);
    return undefined;
  }
  const viewer = await viewerFor(request.headers, setCookiesOnAnswer);
  if (!viewer) throw new ApiError("unauthenticated", "Sign in to continue.");
  if (access === "admin" && !viewer.isAdmin) throw new ApiError("not_found", "No such API endpoint.");
  const accountId = rawParams.accountId;
  if (accountId !== undefined && !(typeof accountId === "string" && viewer.accountIds.has(accountId))) {
    throw new ApiError("not_found", "No such account.");
  }
  // The demo costs no credits and has no database: its only limit is the platform's.
  if (viewer.kind === "member") await limit(`api:${viewer.rateKey}`, getEnv().THREADLINE_API_REQUESTS_PER_MINUTE);
  return viewer;
}

async function limit(key: string, perMinute: number): Promise<void> {
  if (isDemoMode()) return;
  const hit = await rateCounter().hit(key, perMinute, 60_000);
  if (!hit.allowed) throw new ApiError("rate_limited", "Too many requests: slow down for a moment.", { retryAfter: hit.retryAfterSeconds });
}

/**
 * CSRF: a browser says where a request comes from (Sec-Fetch-Site, Origin); anything but our own
 * pages is refused. A client that is not a browser sends neither, and cannot ride a rep's cookies.
 */
export function assertSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") throw forbidden();
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const url = new URL(request.url);
  const allowed = new Set([url.origin]);
  // The host the browser asked for (behind a proxy, or 127.0.0.1 where the server calls itself
  // localhost): a page on another site cannot set these on a rep's request without a preflight.
  // A chain of proxies lists several: the first is what the browser asked for.
  const first = (name: string) => request.headers.get(name)?.split(",")[0]?.trim() || null;
  const host = first("x-forwarded-host") ?? first("host");
  const scheme = first("x-forwarded-proto") ?? url.protocol.replace(":", "");
  if (host) allowed.add(`${scheme}://${host}`);
  const configured = getEnv().BETTER_AUTH_URL;
  if (configured) allowed.add(new URL(configured).origin);
  if (!allowed.has(origin)) throw forbidden();
}

function forbidden(): ApiError {
  return new ApiError("forbidden", "This request did not come from Threadline's own pages.");
}
