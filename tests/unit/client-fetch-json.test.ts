import { describe, expect, it } from "vitest";
import { fetchJson } from "@/lib/client/fetch-json";
import { describeError } from "@/lib/client/describe-error";
import { ApiError, InvalidResponseError, NetworkError, isRetryableError, retryUnreachedRequest } from "@/lib/client/errors";

const fakeFetch =
  (status: number, body: string, headers: Record<string, string> = {}): typeof fetch =>
  async () =>
    new Response(body, { status, headers: { "content-type": "application/json", ...headers } });

const account = {
  id: "demo",
  label: "Demo",
  provider: "demo",
  isDemo: true,
  capabilities: { categories: ["INBOX"], since: "native", search: false, needsSync: false, send: null, push: false },
};

describe("fetchJson", () => {
  it("parses a valid response with the schema", async () => {
    const data = await fetchJson("/x", "accounts", undefined, fakeFetch(200, JSON.stringify({ accounts: [account] })));
    expect(data.accounts[0]?.id).toBe("demo");
  });

  it("throws InvalidResponseError when a 2xx body breaks the contract or is not JSON", async () => {
    await expect(fetchJson("/x", "accounts", undefined, fakeFetch(200, '{"accounts":[{}]}'))).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
    await expect(fetchJson("/x", "accounts", undefined, fakeFetch(200, "<html>"))).rejects.toBeInstanceOf(
      InvalidResponseError,
    );
  });

  it("turns our error envelope into an ApiError", async () => {
    const body = JSON.stringify({ error: { code: "rate_limited", message: "slow down", retryAfter: 7 } });
    const error = await fetchJson("/x", "accounts", undefined, fakeFetch(429, body)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: "rate_limited", message: "slow down", retryAfter: 7 });
    expect(isRetryableError(error)).toBe(true);
    expect(describeError(error).action).toBe("Try again in 7 s.");
  });

  it("uses the Retry-After header when the envelope has none", async () => {
    const body = JSON.stringify({ error: { code: "rate_limited", message: "x" } });
    const error = await fetchJson("/x", "accounts", undefined, fakeFetch(429, body, { "retry-after": "3" })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ retryAfter: 3 });
  });

  it("maps a non-envelope error page by status", async () => {
    const error = await fetchJson("/x", "accounts", undefined, fakeFetch(504, "<html>gateway</html>")).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 504, code: "upstream_timeout" });
    const notFound = await fetchJson("/x", "accounts", undefined, fakeFetch(404, "")).catch((e: unknown) => e);
    expect(notFound).toMatchObject({ status: 404, code: "not_found" });
    expect(isRetryableError(notFound)).toBe(false);
  });

  it("throws NetworkError when fetch itself fails, but lets an abort through", async () => {
    const failing: typeof fetch = async () => {
      throw new TypeError("Failed to fetch");
    };
    await expect(fetchJson("/x", "accounts", undefined, failing)).rejects.toBeInstanceOf(NetworkError);
    const controller = new AbortController();
    controller.abort();
    const aborting: typeof fetch = async () => {
      throw new DOMException("aborted", "AbortError");
    };
    const error = await fetchJson("/x", "accounts", controller.signal, aborting).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(NetworkError);
    expect((error as Error).name).toBe("AbortError");
  });
});

describe("retryUnreachedRequest", () => {
  it("retries, twice at most, only a request that never reached our server (which retries the provider itself)", () => {
    const offline = new NetworkError("Network request failed");
    expect([0, 1, 2].map((count) => retryUnreachedRequest(count, offline))).toEqual([true, true, false]);
    for (const code of ["upstream_error", "upstream_timeout", "rate_limited", "internal_error"] as const) {
      expect(retryUnreachedRequest(0, new ApiError(502, code, "x"))).toBe(false);
    }
    expect(retryUnreachedRequest(0, new InvalidResponseError(200, "x"))).toBe(false);
  });
});

describe("describeError", () => {
  it("derives the title from the code and keeps our server's provider message", () => {
    const fromServer = new ApiError(502, "upstream_error", "Linkup is having trouble right now.", undefined, true);
    expect(describeError(fromServer)).toMatchObject({ title: "LinkedIn is unavailable", detail: "Linkup is having trouble right now.", canRetry: true });
    const fallback = new ApiError(502, "upstream_error", "Unexpected HTTP 502 response");
    expect(describeError(fallback).detail).toMatch(/provider/);
    expect(describeError(new ApiError(404, "not_found", "No account", undefined, true))).toMatchObject({ canRetry: false });
    expect(describeError(new NetworkError("x")).title).toMatch(/can't reach/i);
    expect(describeError(new Error("boom")).canRetry).toBe(true);
  });

  it("tells the rep what to do about each provider condition, whatever the server's words", () => {
    const fromServer = (code: "upstream_auth" | "credits_exhausted" | "upstream_invalid" | "upstream_timeout", message: string) =>
      describeError(new ApiError(502, code, message, undefined, true));
    expect(fromServer("upstream_auth", "Linkup no longer accepts this account's API key. An admin needs to update it.")).toMatchObject({
      title: "LinkedIn connection lost",
      detail: "Linkup no longer accepts this account's API key. An admin needs to update it.",
      action: expect.stringMatching(/reconnected/),
    });
    expect(fromServer("credits_exhausted", "Linkup has no credits left on this plan.").action).toMatch(/^Top up/);
    expect(fromServer("upstream_invalid", "Linkup sent a response we could not read (data.messages.0.timestamp).")).toMatchObject({
      title: expect.stringMatching(/unreadable/i),
      detail: expect.stringContaining("could not read"),
    });
    expect(describeError(new ApiError(502, "upstream_invalid", "Unexpected HTTP 502 response")).detail).toMatch(/couldn't read/);
    expect(fromServer("upstream_timeout", "Linkup did not answer in time.").title).toMatch(/slow/i);
  });

  it("says when to try again after a rate limit, when the server says", () => {
    expect(describeError(new ApiError(429, "rate_limited", "x", 9, true)).action).toBe("Try again in 9 s.");
    expect(describeError(new ApiError(429, "rate_limited", "x", 150, true)).action).toBe("Try again in 3 min.");
    expect(describeError(new ApiError(429, "rate_limited", "x", undefined, true)).action).toBe("Try again shortly.");
  });
});
