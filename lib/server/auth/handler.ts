import "server-only";
import { errorResponse } from "@/lib/server/api-route";
import { ApiError } from "@/lib/server/errors";
import { readText } from "@/lib/server/http/json-body";
import { getAuth } from "./auth";
import { isDemoMode } from "./viewer";

const MAX_AUTH_BODY_BYTES = 16 * 1024;

/**
 * Better Auth's own endpoints (/api/auth/*: sign-in, sign-out, the OIDC callback). Its JSON answers
 * carry the session token for bearer clients; ours use the HttpOnly cookie only, so it is removed.
 */
export async function handleAuthRequest(request: Request): Promise<Response> {
  if (isDemoMode()) return errorResponse(new ApiError("not_found", "The demo needs no sign-in."));
  try {
    const response = await (await getAuth()).handler(await withBoundedBody(request));
    // Better Auth answers an unknown path (or a method a path lacks) with an empty 404: ours is JSON.
    if (response.status === 404 && !isJson(response)) return errorResponse(new ApiError("not_found", "No such API endpoint."));
    return withoutSessionToken(response);
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
