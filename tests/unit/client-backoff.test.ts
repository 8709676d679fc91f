import { environmentManager, QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Conversation } from "@/lib/contracts/api";
import { ApiError, NetworkError } from "@/lib/client/errors";
import { failuresInARow, MAX_POLL_BACKOFF_MS, MAX_RETRY_AFTER_MS, POLL_INTERVAL_MS, pollDelayMs } from "@/lib/client/poll-backoff";
import { PACE_MS, shortestDelayMs } from "@/lib/client/poll-pace";
import { conversationsHeadQueryOptions, conversationsInfiniteOptions } from "@/lib/client/queries";

const upstreamDown = () => new ApiError(502, "upstream_error", "Linkup is having trouble right now.", undefined, true);
const rateLimited = (seconds: number) => new ApiError(429, "rate_limited", "Slow down", seconds, true);

describe("pollDelayMs", () => {
  it("polls at the normal pace while nothing fails", () => {
    expect(pollDelayMs(0, null, 123)).toBe(POLL_INTERVAL_MS);
    expect(pollDelayMs(0, rateLimited(30), 123)).toBe(POLL_INTERVAL_MS);
  });

  it("doubles the wait with each failure in a row, up to the cap, shortened by at most 20% jitter", () => {
    for (let seed = 0; seed < 200; seed++) {
      const at = Date.UTC(2026, 0, 1) + seed * 7_919;
      for (let failures = 1; failures <= 8; failures++) {
        const ceiling = Math.min(MAX_POLL_BACKOFF_MS, POLL_INTERVAL_MS * 2 ** failures);
        const delay = pollDelayMs(failures, upstreamDown(), at);
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling * 0.8));
      }
    }
    expect(pollDelayMs(1_000, upstreamDown(), 1)).toBeLessThanOrEqual(MAX_POLL_BACKOFF_MS);
  });

  it("gives the same delay for the same failure (TanStack recomputes it on every render)", () => {
    const at = 1_764_000_000_123;
    expect(pollDelayMs(3, upstreamDown(), at)).toBe(pollDelayMs(3, upstreamDown(), at));
  });

  it("spreads the clients' retries (the jitter differs between failures)", () => {
    const delays = new Set(Array.from({ length: 50 }, (_, i) => pollDelayMs(4, upstreamDown(), 1_764_000_000_000 + i * 131)));
    expect(delays.size).toBeGreaterThan(25);
    expect(Math.min(...delays)).toBeLessThan(Math.max(...delays) - 5_000);
  });

  it("honours Retry-After when it asks for longer than the backoff, and only then", () => {
    expect(pollDelayMs(1, rateLimited(45), 1)).toBe(45_000);
    expect(pollDelayMs(5, rateLimited(2), 1)).toBeGreaterThanOrEqual(48_000);
    expect(pollDelayMs(1, rateLimited(24 * 3_600), 1)).toBe(MAX_RETRY_AFTER_MS);
    expect(pollDelayMs(1, new NetworkError("offline"), 1)).toBeLessThanOrEqual(8_000);
  });
});

describe("failuresInARow", () => {
  it("counts failed polls since the last success, and none once a poll succeeds", () => {
    expect(failuresInARow({ status: "success", errorUpdateCount: 7, data: { errorsBefore: 7 } })).toBe(0);
    expect(failuresInARow({ status: "error", errorUpdateCount: 9, data: { errorsBefore: 7 } })).toBe(2);
    expect(failuresInARow({ status: "error", errorUpdateCount: 3, data: undefined })).toBe(3);
    expect(failuresInARow({ status: "pending", errorUpdateCount: 0, data: undefined })).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// The real poller options on a real QueryClient, with fake timers: when do polls actually happen?

const ACCOUNT = "acc";

const jsonResponse = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** A live inbox: its newest message just arrived, so the head asks at the live pace. */
const liveInbox = (now: number): { conversations: Conversation[]; nextCursor: null } => ({
  conversations: [{ id: "a", participant: { name: "Ada" }, lastMessage: { text: "hi", sentAt: now, fromMe: false }, unreadCount: 1, type: "normal" }],
  nextCursor: null,
});

describe("inbox head schedule (real TanStack Query, fake clock)", () => {
  let failing = false;
  let retryAfter: number | undefined;
  let loaded = false;
  const pollTimes: number[] = [];
  const live = PACE_MS.live.head;

  beforeAll(() => environmentManager.setIsServer(() => false));
  afterAll(() => environmentManager.setIsServer(() => true));
  beforeEach(() => {
    failing = false;
    retryAfter = undefined;
    loaded = false;
    pollTimes.length = 0;
    vi.useFakeTimers({ now: 1_764_000_000_000 });
    vi.stubGlobal("fetch", async () => {
      if (!loaded) {
        loaded = true;
        return jsonResponse(200, liveInbox(Date.now()));
      }
      pollTimes.push(Date.now());
      if (!failing) return jsonResponse(200, liveInbox(Date.now()));
      return retryAfter === undefined
        ? jsonResponse(502, { error: { code: "upstream_error", message: "Linkup is having trouble right now." } })
        : jsonResponse(429, { error: { code: "rate_limited", message: "slow down", retryAfter } });
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function startPolling() {
    const client = new QueryClient();
    client.mount();
    await client.fetchInfiniteQuery(conversationsInfiniteOptions(ACCOUNT, "INBOX"));
    const observer = new QueryObserver(client, conversationsHeadQueryOptions(ACCOUNT, "INBOX"));
    const unsubscribe = observer.subscribe(() => undefined);
    return {
      observer,
      stop: () => {
        unsubscribe();
        client.unmount();
        client.clear();
      },
    };
  }
  const gaps = () => pollTimes.slice(1).map((t, i) => t - pollTimes[i]!);
  const atLivePace = (gap: number) => gap >= shortestDelayMs(live) - 1 && gap <= live * 1.1 + 1;

  it("asks at the live pace (jittered), backs off 8 → 16 → 32 → 60 s while failing, and is back to the live pace after the first success", async () => {
    const { observer, stop } = await startPolling();
    await vi.advanceTimersByTimeAsync(3 * live + 500);
    expect(gaps().length).toBeGreaterThanOrEqual(2);
    expect(gaps().every(atLivePace)).toBe(true);

    failing = true;
    pollTimes.length = 0;
    await vi.advanceTimersByTimeAsync(live * 1.15 + 8_000 + 16_000 + 32_000 + 60_000 + 60_000);
    const failingGaps = gaps();
    expect(failingGaps.length).toBeGreaterThanOrEqual(5);
    [8_000, 16_000, 32_000, 60_000, 60_000].forEach((ceiling, i) => {
      expect(failingGaps[i]).toBeLessThanOrEqual(ceiling);
      expect(failingGaps[i]).toBeGreaterThanOrEqual(ceiling * 0.8);
    });
    // The screen keeps its data: only the poller is in error, with its retries counted.
    expect(observer.getCurrentResult().isError).toBe(true);

    failing = false;
    await vi.advanceTimersByTimeAsync(60_000);
    pollTimes.length = 0;
    await vi.advanceTimersByTimeAsync(3 * live + 500);
    expect(gaps().length).toBeGreaterThanOrEqual(2);
    expect(gaps().every(atLivePace)).toBe(true);
    expect(observer.getCurrentResult().isError).toBe(false);
    stop();
  });

  it("waits as long as the server's Retry-After when that is longer", async () => {
    const { stop } = await startPolling();
    await vi.advanceTimersByTimeAsync(live * 1.15 + 100);
    failing = true;
    retryAfter = 25;
    pollTimes.length = 0;
    await vi.advanceTimersByTimeAsync(live * 1.15 + 25_000 + 100);
    expect(gaps()).toEqual([25_000]);
    stop();
  });

  it("does not retry a failed poll at once: the next poll is the retry", async () => {
    const { stop } = await startPolling();
    await vi.advanceTimersByTimeAsync(live * 1.15 + 100);
    failing = true;
    pollTimes.length = 0;
    await vi.advanceTimersByTimeAsync(live * 1.15 + 2_000);
    expect(pollTimes).toHaveLength(1);
    stop();
  });
});
