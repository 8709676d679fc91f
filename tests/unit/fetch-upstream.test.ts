import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApiError } from "@/lib/server/errors";
import { fetchUpstream, type UpstreamRequest } from "@/lib/server/http/fetch-upstream";
import { READ_RETRY_POLICY } from "@/lib/server/http/retry-policy";
import { withRequestContext } from "@/lib/server/request-context";

function request(answers: Array<() => Response | Promise<Response>>, overrides: Partial<UpstreamRequest<{ ok: true }>> = {}) {
  const sleeps: number[] = [];
  let calls = 0;
  const fetchFn: typeof fetch = async (_input, init) => {
    const answer = answers[Math.min(calls, answers.length - 1)];
    calls++;
    init?.signal?.throwIfAborted();
    return answer!();
  };
  const req: UpstreamRequest<{ ok: true }> = {
    provider: "Test",
    operation: "test",
    fetch: fetchFn,
    url: "https://upstream.test/x",
    method: "GET",
    headers: {},
    signal: new AbortController().signal,
    timeoutMs: 200,
    success: z.object({ ok: z.literal(true) }),
    classifyFailure: () => undefined,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  };
  return { run: () => fetchUpstream(req), sleeps, calls: () => calls };
}

const ok = () => Response.json({ ok: true });

describe("fetchUpstream", () => {
  it("retries a 503 and a network error, then succeeds", async () => {
    const r = request([
      () => new Response("down", { status: 503 }),
      () => Promise.reject(new TypeError("fetch failed")),
      ok,
    ]);
    await expect(r.run()).resolves.toEqual({ ok: true });
    expect(r.calls()).toBe(3);
    expect(r.sleeps).toEqual([150, 300]);
  });

  it("honours Retry-After on a 429", async () => {
    const r = request([() => new Response("", { status: 429, headers: { "retry-after": "2" } }), ok]);
    await expect(r.run()).resolves.toEqual({ ok: true });
    expect(r.sleeps).toEqual([2_000]);
  });

  it("does not wait past its budget: a long Retry-After is handed to the client instead", async () => {
    const r = request([() => new Response("", { status: 429, headers: { "retry-after": "120" } }), ok]);
    await expect(r.run()).rejects.toMatchObject({ code: "rate_limited", retryAfter: 120 });
    expect(r.calls()).toBe(1);
  });

  it("never retries auth, credit or validation failures", async () => {
    for (const status of [401, 402, 403, 400]) {
      const r = request([() => new Response("", { status }), ok]);
      await expect(r.run()).rejects.toBeInstanceOf(ApiError);
      expect(r.calls()).toBe(1);
    }
  });

  it("gives up after the attempt limit with the last error", async () => {
    const r = request([() => new Response("", { status: 500 })]);
    await expect(r.run()).rejects.toMatchObject({ code: "upstream_error" });
    expect(r.calls()).toBe(READ_RETRY_POLICY.maxAttempts);
  });

  it("times out an attempt that hangs", async () => {
    const hang = () => new Promise<Response>(() => {});
    const fetchFn: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        void hang();
      });
    const r = request([ok], { fetch: fetchFn, timeoutMs: 50, retry: { ...READ_RETRY_POLICY, maxAttempts: 1 } });
    await expect(r.run()).rejects.toMatchObject({ code: "upstream_timeout" });
  });

  it("stops at once when the caller aborts, without retrying", async () => {
    const controller = new AbortController();
    const fetchFn: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        controller.abort();
      });
    const r = request([ok], { fetch: fetchFn, signal: controller.signal });
    await expect(r.run()).rejects.not.toBeInstanceOf(ApiError);
    expect(r.sleeps).toEqual([]);
  });

  it("the caller's deadline passing (a send's, the route's budget) is upstream_timeout, not a bare TimeoutError", async () => {
    const fetchFn: typeof fetch = (_input, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    const r = request([ok], { fetch: fetchFn, timeoutMs: 10_000, signal: AbortSignal.timeout(30) });
    await expect(r.run()).rejects.toMatchObject({ code: "upstream_timeout", message: "Test did not answer in time." });
  });

  it("retries a body cut short, since a dropped connection is transient", async () => {
    const r = request([() => new Response('{"ok": tr', { status: 200 }), ok]);
    await expect(r.run()).resolves.toEqual({ ok: true });
    expect(r.calls()).toBe(2);
  });

  it("reads X-RateLimit-Reset on a 429, and only there", async () => {
    const now = Date.parse("2026-04-27T23:59:58Z");
    const reset = { "x-ratelimit-reset": "2026-04-28T00:00:00Z" };
    const limited = request([() => new Response("", { status: 429, headers: reset }), ok], { now: () => now });
    await expect(limited.run()).resolves.toEqual({ ok: true });
    expect(limited.sleeps).toEqual([2_000]);
    const broken = request([() => new Response("", { status: 500, headers: reset }), ok], { now: () => now });
    await expect(broken.run()).resolves.toEqual({ ok: true });
    expect(broken.sleeps).toEqual([150]);
  });

  it("never follows a redirect: a 3xx is an upstream_error, tried once", async () => {
    const inits: RequestInit[] = [];
    const fetchFn: typeof fetch = async (_input, init) => {
      inits.push(init ?? {});
      return new Response(null, { status: 307, headers: { location: "https://elsewhere.test/steal" } });
    };
    const r = request([ok], { fetch: fetchFn });
    await expect(r.run()).rejects.toMatchObject({ code: "upstream_error", retryable: false, message: expect.stringContaining("redirect") });
    expect(inits).toHaveLength(1);
    expect(inits[0]?.redirect).toBe("manual");
  });

  it("logs one structured line per attempt, with no header, body or query", async () => {
    const lines: string[] = [];
    const info = vi.spyOn(console, "info").mockImplementation((line: string) => void lines.push(line));
    const error = vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    try {
      const r = request([() => new Response("down", { status: 503 }), () => Response.json({ ok: true, secretEcho: "k-123" })], {
        url: "https://upstream.test/x?token=k-123",
        headers: { "x-api-key": "k-123" },
        creditsOf: () => 2,
      });
      await withRequestContext("req-1", () => r.run());
    } finally {
      info.mockRestore();
      error.mockRestore();
    }
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed).toMatchObject([
      { event: "upstream", requestId: "req-1", provider: "Test", operation: "test", attempt: 1, status: 503, outcome: "upstream_error" },
      { event: "upstream", requestId: "req-1", provider: "Test", operation: "test", attempt: 2, status: 200, outcome: "ok", credits: 2 },
    ]);
    expect(lines.join("\n")).not.toContain("k-123");
  });

  it("reports truncated JSON and drifted shapes as upstream_invalid", async () => {
    await expect(request([() => new Response('{"ok": tr', { status: 200 })]).run()).rejects.toMatchObject({ code: "upstream_invalid" });
    // The field for the rep; zod's own words ("expected boolean…") for our log only.
    await expect(request([() => Response.json({ ok: "yes" })]).run()).rejects.toMatchObject({
      code: "upstream_invalid",
      message: "Test sent a response we could not read (ok).",
    });
  });
});
