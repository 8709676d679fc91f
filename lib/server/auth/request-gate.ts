import "server-only";
import { rateCounter } from "@/lib/server/app-database";
import { getEnv } from "@/lib/server/env";
import { ApiError } from "@/lib/server/errors";
import { isDemoMode, viewerFor, type Viewer } from "./viewer";

/** Who may call a route: anyone (sign-in's own doors), any signed-in member, or admins only. */
export type Access = "public" | "member" | "admin";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Unauthenticated doors (joining by invitation, the first admin's setup) per client address. */
const PUBLIC_REQUESTS_PER_MINUTE = 30;

/**
 * Everything a request must pass before any of its input is parsed, in one place: a state-changing
 * request comes from our own pages; there is a session (401); an admin route has an admin (404,
 * revealing nothing); an account in the path is one the viewer may use (404 whatever the path,
 * method or query); and the viewer is within their request rate (429).
 */
export async function passGate(request: Request, rawParams: Record<string, unknown>, access: Access): Promise<Viewer | undefined> {
  if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request);
  if (access === "public") {
    await limit(`public:${clientAddress(request.headers)}`, PUBLIC_REQUESTS_PER_MINUTE);
    return undefined;
  }
  const viewer = await viewerFor(request.headers);
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
function assertSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") throw forbidden();
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const allowed = new Set([new URL(request.url).origin]);
  const configured = getEnv().BETTER_AUTH_URL;
  if (configured) allowed.add(new URL(configured).origin);
  if (!allowed.has(origin)) throw forbidden();
}

function forbidden(): ApiError {
  return new ApiError("forbidden", "This request did not come from Threadline's own pages.");
}

export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}
