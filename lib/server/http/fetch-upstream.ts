import "server-only";
import { z } from "zod";
import { parseRetryAfter } from "@/lib/contracts/retry-after";
import { ApiError } from "@/lib/server/errors";
import type { UpstreamMeter } from "@/lib/server/limits/provider-meter";
import { logEvent } from "@/lib/server/log";
import { alongside } from "@/lib/server/request-context";
import { abortableSleep } from "./abortable-sleep";
import { READ_RETRY_POLICY, retryDelayMs, type RetryPolicy } from "./retry-policy";
import { describeSchemaMismatch } from "./schema-mismatch";
import { errorFromStatus } from "./status-errors";

export type UpstreamFailure = {
  status: number;
  /** The body parsed as JSON, or undefined when it was not JSON. */
  body: unknown;
  retryAfter?: number;
};

export type UpstreamRequest<T> = {
  /** Human name used in errors and logs, e.g. "Linkup". */
  provider: string;
  /** What this call does, for the log line: a provider action or endpoint, e.g. "list_inbox". */
  operation: string;
  fetch: typeof fetch;
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: unknown;
  /** The incoming request's signal: when the browser goes away, so does the upstream call. */
  signal: AbortSignal;
  timeoutMs: number;
  success: z.core.$ZodType<T>;
  /** The credits this answer says it cost, where the provider reports them. */
  creditsOf?: (data: T) => number | undefined;
  /**
   * Turns a provider's error (non-2xx, or a 2xx whose body says it failed) into our ApiError.
   * Return undefined to fall back to the status-based mapping.
   */
  classifyFailure: (failure: UpstreamFailure) => ApiError | undefined;
  /** Whether a body on a 2xx response is really an error (some providers answer 200 with success:false). */
  isErrorBody?: (body: unknown) => boolean;
  retry?: RetryPolicy;
  /** The account's limits: asked before every attempt, told after each one (see provider-meter.ts). */
  meter?: UpstreamMeter;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
};

/**
 * The one path every provider call takes: timeout per attempt, abort on the caller's signal,
 * bounded retries for transient failures, no redirects, zod-parsed success bodies, typed errors,
 * and one log line per attempt.
 */
export async function fetchUpstream<T>(request: UpstreamRequest<T>): Promise<T> {
  try {
    return await withRetries(request);
  } catch (error) {
    // The caller's deadline (AbortSignal.timeout: a send's, the route's budget) is the provider being
    // slow, not the browser leaving: a typed error, never a bare TimeoutError that answers 500.
    const reason: unknown = request.signal.aborted ? request.signal.reason : undefined;
    if (reason instanceof DOMException && reason.name === "TimeoutError") {
      throw new ApiError("upstream_timeout", `${request.provider} did not answer in time.`, { cause: error });
    }
    throw error;
  }
}

async function withRetries<T>(request: UpstreamRequest<T>): Promise<T> {
  const policy = request.retry ?? READ_RETRY_POLICY;
  const sleep = request.sleep ?? abortableSleep;
  const random = request.random ?? Math.random;
  const now = request.now ?? Date.now;
  let waitedMs = 0;

  for (let attempt = 1; ; attempt++) {
    try {
      return await loggedAttempt(request, attempt, now);
    } catch (error) {
      if (!(error instanceof ApiError) || !error.retryable || attempt >= policy.maxAttempts) throw error;
      const delay = retryDelayMs(policy, attempt, error.retryAfter, random);
      if (waitedMs + delay > policy.budgetMs) throw error;
      waitedMs += delay;
      await sleep(delay, request.signal);
    }
  }
}

/** An attempt's outcome, whatever it was, as one line: never a header, a body or a URL's query. */
async function loggedAttempt<T>(request: UpstreamRequest<T>, attempt: number, now: () => number): Promise<T> {
  // Over a limit, the call never goes out (and is not retried: the error is not retryable).
  await request.meter?.beforeCall();
  const started = performance.now();
  const seen: { status?: number } = {};
  const line = (outcome: string, credits?: number) => ({
    provider: request.provider,
    operation: request.operation,
    attempt,
    status: seen.status ?? 0,
    ms: Math.round(performance.now() - started),
    outcome,
    credits,
  });
  try {
    const data = await attemptOnce(request, now, seen);
    const credits = request.creditsOf?.(data);
    logEvent("upstream", line("ok", credits));
    // Counted beside what the request does next (the read marks), not before it.
    if (request.meter) await alongside(request.meter.afterCall(credits));
    return data;
  } catch (error) {
    const outcome = error instanceof ApiError ? error.code : request.signal.aborted ? "aborted" : "unexpected";
    logEvent("upstream", line(outcome), outcome === "aborted" ? "info" : "error");
    if (request.meter) await alongside(request.meter.afterCall(undefined));
    throw error;
  }
}

async function attemptOnce<T>(request: UpstreamRequest<T>, now: () => number, seen: { status?: number }): Promise<T> {
  request.signal.throwIfAborted();
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);

  let response: Response;
  let text: string;
  try {
    response = await request.fetch(request.url, {
      method: request.method,
      headers: { accept: "application/json", ...request.headers, ...(request.body !== undefined ? { "content-type": "application/json" } : {}) },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
      cache: "no-store",
      // A redirect would carry our keys (headers, and on 307/308 the body) to wherever it points.
      redirect: "manual",
    });
    seen.status = response.status;
    text = await response.text();
  } catch (error) {
    request.signal.throwIfAborted();
    if (timeout.aborted) {
      throw new ApiError("upstream_timeout", `${request.provider} did not answer in time.`, { retryable: true, cause: error });
    }
    throw new ApiError("upstream_error", `Could not reach ${request.provider}.`, { retryable: true, cause: error });
  }

  if (response.status >= 300 && response.status < 400) {
    throw new ApiError("upstream_error", `${request.provider} answered with a redirect, which we never follow.`);
  }
  const body = parseJson(text);
  const retryAfter =
    parseRetryAfter(response.headers.get("retry-after"), now()) ??
    // ConnectSafely-style limits say when the window resets; on any other failure that is no hint.
    (response.status === 429 ? parseRetryAfter(response.headers.get("x-ratelimit-reset"), now()) : undefined);

  if (!response.ok || (body !== undefined && request.isErrorBody?.(body))) {
    const failure: UpstreamFailure = { status: response.status, body, retryAfter };
    throw request.classifyFailure(failure) ?? errorFromStatus(request.provider, response.status, retryAfter);
  }
  if (body === undefined) {
    logDrift(request, "the response was not valid JSON");
    // Most often a connection cut mid-body: worth one more try, unlike a well-formed body of the wrong shape.
    throw new ApiError("upstream_invalid", `${request.provider} sent a response that is not valid JSON.`, { retryable: true });
  }
  const parsed = z.safeParse(request.success, body);
  if (!parsed.success) {
    const mismatch = describeSchemaMismatch(parsed.error);
    logDrift(request, mismatch.detail);
    throw new ApiError("upstream_invalid", `${request.provider} sent a response we could not read (${mismatch.field}).`);
  }
  return parsed.data;
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A provider's answer no longer matches its schema: the field path, never the value. */
function logDrift(request: Pick<UpstreamRequest<unknown>, "provider" | "operation">, detail: string): void {
  logEvent("upstream_drift", { provider: request.provider, operation: request.operation, detail }, "error");
}
