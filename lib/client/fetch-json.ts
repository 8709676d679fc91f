/**
 * The one way the browser reads our API: every response is parsed (zod/mini, by the schema named
 * from response-schemas.ts); failures become typed errors.
 */
import { onlineManager } from "@tanstack/react-query";
import type { z } from "zod/mini";
import { ERROR_STATUS, type ErrorCode } from "@/lib/contracts/error-codes";
import { parseRetryAfter } from "@/lib/contracts/retry-after";
import { ApiError, InvalidResponseError, NetworkError } from "./errors";
import type * as ResponseSchemasModule from "./response-schemas";

type ResponseSchemas = (typeof ResponseSchemasModule)["responseSchemas"];
export type ResponseName = keyof ResponseSchemas;
export type ResponseOf<N extends ResponseName> = z.output<ResponseSchemas[N]>;

let schemasModule: Promise<typeof ResponseSchemasModule> | undefined;

/**
 * The schemas, loaded once: by the page when it is idle after its first paint (Providers), or by
 * the first request. A load that failed (the network dropped) is tried again by the next.
 */
export function loadResponseSchemas(): Promise<typeof ResponseSchemasModule> {
  schemasModule ??= import("./response-schemas").catch((error: unknown) => {
    schemasModule = undefined;
    throw new NetworkError("Network request failed", { cause: error });
  });
  return schemasModule;
}

export async function fetchJson<N extends ResponseName>(
  url: string,
  name: N,
  signal?: AbortSignal,
  fetchImpl: typeof fetch = fetch,
  send?: { method: "POST" | "PUT" | "DELETE"; body: unknown },
): Promise<ResponseOf<N>> {
  // Before the request leaves (the page has nearly always loaded them when idle): a failed load is
  // then a request that never reached the server, which is safe to retry, and an answer is never
  // left unparsed.
  const { responseSchemas, errorEnvelopeSchema } = await loadResponseSchemas();
  // The browser knows it is offline (a poll's second request, after its first came back): the
  // request would fail at once. It fails here instead, as one that never reached us, so nothing is
  // sent offline and TanStack Query's retry waits for the network.
  if (!onlineManager.isOnline()) throw new NetworkError("Offline");
  let response: Response;
  try {
    response = await fetchImpl(url, {
      signal,
      method: send?.method,
      headers: { accept: "application/json", ...(send && { "content-type": "application/json" }) },
      body: send && JSON.stringify(send.body),
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
  const schema: z.ZodMiniType = responseSchemas[name];
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new InvalidResponseError(response.status, "Response does not match the API contract", {
      cause: parsed.error,
    });
  }
  // The output of the schema named N: TypeScript does not follow a generic key through safeParse.
  return parsed.data as ResponseOf<N>;
}

/**
 * A write to our API (add a person, start a sync…): the same parsing and typed errors as reads.
 * Always with a JSON body (`{}` when there is nothing to say): the server refuses any other kind.
 */
export function sendJson<N extends ResponseName>(method: "POST" | "PUT" | "DELETE", url: string, name: N, body: unknown = {}): Promise<ResponseOf<N>> {
  return fetchJson(url, name, undefined, fetch, { method, body });
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
