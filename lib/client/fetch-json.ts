/**
 * The one way the browser reads our API: every response is parsed (zod/mini); failures become typed errors.
 */
import type { z } from "zod/mini";
import { ERROR_STATUS, errorEnvelopeSchema, type ErrorCode } from "@/lib/contracts/errors";
import { parseRetryAfter } from "@/lib/contracts/retry-after";
import { ApiError, InvalidResponseError, NetworkError } from "./errors";

export async function fetchJson<S extends z.ZodMiniType>(
  url: string,
  schema: S,
  signal?: AbortSignal,
  fetchImpl: typeof fetch = fetch,
  send?: { method: "POST" | "PUT" | "DELETE"; body?: unknown },
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      signal,
      method: send?.method ?? "GET",
      headers: { accept: "application/json", ...(send?.body !== undefined ? { "content-type": "application/json" } : {}) },
      body: send?.body !== undefined ? JSON.stringify(send.body) : undefined,
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (error) {
    // A cancelled request is not a failure: let the caller (TanStack Query) see the abort as is.
    if (signal?.aborted || isAbortError(error)) throw error;
    throw new NetworkError("Network request failed", { cause: error });
  }

  let body: unknown;
  let bodyIsJson = true;
  try {
    const text = await response.text();
    body = text === "" ? undefined : JSON.parse(text);
  } catch (error) {
    if (signal?.aborted || isAbortError(error)) throw error;
    bodyIsJson = false;
  }

  if (!response.ok) {
    const retryAfterHeader = parseRetryAfter(response.headers.get("retry-after"), Date.now());
    const envelope = bodyIsJson ? errorEnvelopeSchema.safeParse(body) : undefined;
    if (envelope?.success) {
      const { code, message, retryAfter } = envelope.data.error;
      throw new ApiError(response.status, code, message, retryAfter ?? retryAfterHeader, true);
    }
    throw new ApiError(
      response.status,
      codeForStatus(response.status),
      `Unexpected HTTP ${response.status} response`,
      retryAfterHeader,
    );
  }

  if (!bodyIsJson) {
    throw new InvalidResponseError(response.status, "Response body is not JSON");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new InvalidResponseError(response.status, "Response does not match the API contract", {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/**
 * A write to our API (add a person, start a sync…): the same parsing and typed errors as reads.
 * Always with a JSON body (`{}` when there is nothing to say): the server refuses any other kind.
 */
export function sendJson<S extends z.ZodMiniType>(method: "POST" | "PUT" | "DELETE", url: string, schema: S, body: unknown = {}): Promise<z.output<S>> {
  return fetchJson(url, schema, undefined, fetch, { method, body });
}

function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

/** Best-effort code for a non-2xx answer that did not carry our envelope (a proxy page, a crash…). */
export function codeForStatus(status: number): ErrorCode {
  if (status === 429) return "rate_limited";
  if (status === 504) return "upstream_timeout";
  if (status >= 500) return status === 500 ? "internal_error" : "upstream_error";
  const byStatus = (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).find(([, s]) => s === status);
  return byStatus ? byStatus[0] : "bad_request";
}
