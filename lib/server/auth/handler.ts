import "server-only";
import { ERROR_STATUS, errorEnvelope, type ErrorCode } from "@/lib/contracts/errors";
import { errorResponse } from "@/lib/server/api-route";
import { ApiError } from "@/lib/server/errors";
import { readText } from "@/lib/server/http/json-body";
import { logEvent } from "@/lib/server/log";
import { getAuth, OIDC_PROVIDER_ID } from "./auth";
import { isDemoMode } from "./viewer";

const MAX_AUTH_BODY_BYTES = 16 * 1024;

/**
 * The Better Auth endpoints Threadline uses, by method. Better Auth serves many more (update-user,
 * list-sessions, change-email, delete-user…): a rep's name is the one the join form checked, and
 * the team page is where people are changed, so the rest are not reachable at all.
 */
const USED_ENDPOINTS: Record<string, readonly string[]> = {
  "/sign-in/email": ["POST"],
  "/sign-in/social": ["POST"],
  "/sign-out": ["POST"],
  "/get-session": ["GET"],
  // The company IdP's return trip (a redirect; a POST when it answers with form_post).
  [`/callback/${OIDC_PROVIDER_ID}`]: ["GET", "POST"],
};

const CODE_BY_STATUS: Record<number, ErrorCode> = { 400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found", 429: "rate_limited" };

/**
 * Better Auth's own endpoints (/api/auth/*: sign-in, sign-out, the OIDC callback). Its JSON answers
 * carry the session token for bearer clients; ours use the HttpOnly cookie only, so it is removed.
 * Its errors ({message, code}) are answered in our one envelope.
 */
export async function handleAuthRequest(request: Request): Promise<Response> {
  if (isDemoMode()) return errorResponse(new ApiError("not_found", "The demo needs no sign-in."));
  const path = new URL(request.url).pathname.replace(/^\/api\/auth/, "");
  if (!USED_ENDPOINTS[path]?.includes(request.method)) return errorResponse(new ApiError("not_found", "No such API endpoint."));
  try {
    const response = await (await getAuth()).handler(await withBoundedBody(request));
    return response.ok ? await withoutSessionToken(response) : await inOurEnvelope(response);
  } catch (error) {
    return errorResponse(error, request.signal);
  }
}

/** Sign-in bodies are a few fields: one is read at most 16 KB into memory before Better Auth sees it. */
async function withBoundedBody(request: Request): Promise<Request> {
  if (request.method === "GET" || request.method === "HEAD") return request;
  const body = await readText(request, MAX_AUTH_BODY_BYTES);
  return new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal });
}

/**
 * A refusal keeps its headers (cookies, the retry time), with our envelope as its body and its
 * code's status. Better Auth's words for a refusal are kept; a failure of its own is logged and
 * said in ours.
 */
async function inOurEnvelope(response: Response): Promise<Response> {
  if (response.status < 400) return response;
  const body: unknown = isJson(response) ? await response.json().catch(() => null) : null;
  const said = body && typeof body === "object" && "message" in body && typeof body.message === "string" ? body.message : "Sign-in refused this request.";
  const code = CODE_BY_STATUS[response.status] ?? (response.status >= 500 ? "internal_error" : "bad_request");
  if (code === "internal_error") logEvent("auth_error", { status: response.status, message: said }, "error");
  const message = code === "internal_error" ? "Sign-in hit an unexpected error. Try again." : said;
  const status = ERROR_STATUS[code];
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.set("content-type", "application/json");
  headers.set("cache-control", "private, no-store");
  const retryAfter = Number(headers.get("retry-after") ?? headers.get("x-retry-after"));
  if (code === "rate_limited" && retryAfter > 0) headers.set("retry-after", String(retryAfter));
  return new Response(JSON.stringify(errorEnvelope(code, message, code === "rate_limited" && retryAfter > 0 ? retryAfter : undefined)), { status, headers });
}

function isJson(response: Response): boolean {
  return response.headers.get("content-type")?.includes("application/json") === true;
}

async function withoutSessionToken(response: Response): Promise<Response> {
  if (!isJson(response)) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, response);
  }
  if (body && typeof body === "object") {
    const record = body as Record<string, unknown>;
    delete record.token;
    const session = record.session;
    if (session && typeof session === "object") delete (session as Record<string, unknown>).token;
  }
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.set("cache-control", "private, no-store");
  return new Response(JSON.stringify(body), { status: response.status, statusText: response.statusText, headers });
}
