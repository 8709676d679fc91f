import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { isWebhookAccess, passGate, type Access, type WebhookAccess } from "@/lib/server/auth/request-gate";
import type { Viewer } from "@/lib/server/auth/viewer";
import { ApiError } from "@/lib/server/errors";
import { readBytes, readJsonBody } from "@/lib/server/http/json-body";
import type { WebhookAccount } from "@/lib/server/push/webhook-config";
import { logEvent } from "@/lib/server/log";
import { settleAlongside, withAnswerCookies, withRequestContext } from "@/lib/server/request-context";

/** Next passes `params` only to routes with dynamic segments. */
type RouteContext = { params?: Promise<Record<string, string | string[] | undefined>> };

type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

type RouteSpec<TParams, TQuery, TBody> = {
  params: z.core.$ZodType<TParams>;
  query: z.core.$ZodType<TQuery>;
  /** Required of every method but GET (and HEAD): a state-changing request always carries a JSON object. */
  body?: z.core.$ZodType<TBody>;
  /** Who may call it; "member" unless said otherwise. An `accountId` in the path is always checked. */
  access?: Access;
  maxDurationSeconds?: number;
  status?: number;
};

type Handler<TParams, TQuery, TBody, TViewer> = (input: {
  params: TParams;
  query: TQuery;
  body: TBody;
  viewer: TViewer;
  signal: AbortSignal;
  request: Request;
}) => Promise<unknown> | unknown;

/**
 * Our largest body, a reply, and a webhook each carry one message: its 8,000 characters (UTF-16
 * units) are at most 48 KB of JSON written as `\uXXXX` escapes, plus a few fields.
 */
const MAX_BODY_BYTES = 64 * 1024;

/** Time kept back from maxDuration to answer with our own error before the platform's cut-off. */
const BUDGET_MARGIN_MS = 3_000;

/** Seconds we suggest when a provider rate-limits us without saying for how long. */
const DEFAULT_RETRY_AFTER_SECONDS = 10;

const NO_BODY = z.strictObject({});

/**
 * Every API route is this: the gate first (origin, session, admin, the account in the path, the
 * request rate: see request-gate.ts), then path and query params and a JSON body parsed with zod
 * (bad input → 400, and no upstream call), then one named server function, answered as JSON; any
 * failure → our one error envelope. A handler returning a Response (sign-in's cookies) is sent as is.
 * A webhook route gets the body's raw bytes instead (its signature covers exactly those) and, as its
 * viewer, the account whose provider delivers.
 */
export function apiRoute<TParams, TQuery, TBody = undefined>(
  spec: RouteSpec<TParams, TQuery, TBody> & { access: "public" },
  handler: Handler<TParams, TQuery, TBody, undefined>,
): RouteHandler;
export function apiRoute<TParams, TQuery, TBody = undefined>(
  spec: RouteSpec<TParams, TQuery, TBody> & { access?: "member" | "admin" },
  handler: Handler<TParams, TQuery, TBody, Viewer>,
): RouteHandler;
export function apiRoute<TParams, TQuery>(
  spec: Omit<RouteSpec<TParams, TQuery, never>, "body"> & { access: WebhookAccess },
  handler: Handler<TParams, TQuery, Buffer, WebhookAccount>,
): RouteHandler;
export function apiRoute<TParams, TQuery, TBody>(spec: RouteSpec<TParams, TQuery, TBody>, handler: Handler<TParams, TQuery, TBody, never>): RouteHandler {
  return (request, context) => {
    const requestId = randomUUID();
    return withRequestContext(requestId, async () => {
      const response = withAnswerCookies(await answer(spec, handler, request, context));
      response.headers.set("x-request-id", requestId);
      return response;
    });
  };
}

async function answer<TParams, TQuery, TBody>(
  spec: RouteSpec<TParams, TQuery, TBody>,
  handler: Handler<TParams, TQuery, TBody, never>,
  request: Request,
  context: RouteContext,
): Promise<Response> {
  // Everything a request does upstream (attempts, retries, waits) ends before the platform kills it.
  const budget = spec.maxDurationSeconds === undefined ? undefined : AbortSignal.timeout(spec.maxDurationSeconds * 1000 - BUDGET_MARGIN_MS);
  const signal = budget ? AbortSignal.any([request.signal, budget]) : request.signal;
  try {
    const rawParams = (await context.params) ?? {};
    const access = spec.access ?? "member";
    const viewer = await passGate(request, rawParams, access);
    const params = parseInput("path", spec.params, rawParams);
    const query = parseInput("query", spec.query, queryObject(new URL(request.url).searchParams));
    // HEAD is Next's own GET without the answer's body: neither carries one.
    const body = (request.method === "GET" || request.method === "HEAD" ? undefined : await readBody(request, access, spec.body)) as TBody;
    // The overloads tie each access level to its viewer type (public: none; member, admin: a Viewer; webhook: its account).
    const result = await handler({ params, query, body, viewer: viewer as never, signal, request });
    await settleAlongside();
    if (result instanceof Response) return result;
    return Response.json(result, { status: spec.status ?? 200, headers: { "cache-control": "private, no-store" } });
  } catch (error) {
    // A failed request's writes (the usage of the calls it made) are done before it answers too.
    await settleAlongside().catch(() => undefined);
    if (budget?.aborted && !request.signal.aborted) {
      return errorResponse(new ApiError("upstream_timeout", "The provider took too long to answer. Try again in a moment."));
    }
    return errorResponse(error, request.signal);
  }
}

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];


/**
 * A route's handlers, and for every other method a 405 in our envelope with an Allow header (Next's
 * own 405 has no body), behind the same gate as the route. Export them all:
 * `export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: list })`.
 */
export function routeMethods(handlers: Partial<Record<HttpMethod, RouteHandler>>, access: Access = "member"): Record<HttpMethod, RouteHandler> {
  const allow = HTTP_METHODS.filter((method) => handlers[method] !== undefined).join(", ");
  const refuse = (request: Request, context: RouteContext) =>
    withRequestContext(randomUUID(), async () => {
      try {
        await passGate(request, (await context.params) ?? {}, access);
        throw new ApiError("method_not_allowed", `This address answers ${allow} only.`);
      } catch (error) {
        const response = withAnswerCookies(errorResponse(error));
        if (response.status === 405) response.headers.set("allow", allow);
        return response;
      }
    });
  return Object.fromEntries(HTTP_METHODS.map((method) => [method, handlers[method] ?? refuse])) as Record<HttpMethod, RouteHandler>;
}

async function readBody(request: Request, access: Access, schema: z.core.$ZodType<unknown> = NO_BODY): Promise<unknown> {
  if (isWebhookAccess(access)) return readBytes(request, MAX_BODY_BYTES);
  return parseInput("body", schema, await readJsonBody(request, MAX_BODY_BYTES));
}

function queryObject(searchParams: URLSearchParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of searchParams) {
    if (key in query) throw new ApiError("bad_request", `query parameter "${key}" is given more than once.`);
    query[key] = value;
  }
  return query;
}

function parseInput<T>(where: "path" | "query" | "body", schema: z.core.$ZodType<T>, input: unknown): T {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") return `unknown ${where} parameter(s): ${issue.keys.join(", ")}`;
    return field ? `${field}: ${issue.message}` : issue.message;
  });
  throw new ApiError("bad_request", `Invalid ${where} parameters: ${problems.join("; ")}.`);
}

export function errorResponse(error: unknown, signal?: AbortSignal): Response {
  if (signal?.aborted) {
    // The browser went away; nobody reads this answer.
    return new Response(null, { status: 499 });
  }
  const apiError = error instanceof ApiError ? error : internalError(error);
  const retryAfter = apiError.code === "rate_limited" ? (apiError.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS) : apiError.retryAfter;
  const envelope = apiError.toEnvelope();
  if (retryAfter !== undefined) envelope.error.retryAfter = retryAfter;
  return Response.json(envelope, {
    status: apiError.status,
    headers: { "cache-control": "private, no-store", ...(retryAfter !== undefined ? { "retry-after": String(retryAfter) } : {}) },
  });
}

function internalError(error: unknown): ApiError {
  // The stack stays in our log (it names our code, never a secret); the answer says nothing of it.
  logEvent("unexpected_error", { name: error instanceof Error ? error.name : typeof error, stack: error instanceof Error ? error.stack : undefined }, "error");
  return new ApiError("internal_error", "Something went wrong on our side. Try again.");
}
