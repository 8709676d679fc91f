import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import { createLinkupV2Provider } from "@/lib/server/providers/linkup-v2/adapter";

/**
 * Our thread pagination over a Linkup-like provider with random quirks: same-millisecond ties,
 * inclusive cursors (a page starts AT the last page's oldest time) or next-older ones (the seed
 * example), and pages the provider glitches into repeating. Whatever it does, reading our API to
 * the end terminates and never serves a message twice; and with ties shorter than a page and a
 * cursor that moves, it serves every message, newest first.
 */
type Quirks = { inclusive: boolean; repeatEvery: number };

function linkupThread(timestamps: readonly number[], quirks: Quirks) {
  const messages = timestamps
    .map((timestamp, index) => ({ entity_urn: `urn:li:msg_message:(p,${index})`, timestamp, text: String(index), sender: "X" }))
    .sort((a, b) => b.timestamp - a.timestamp);
  let calls = 0;
  let lastAnswer: unknown;
  const fetchFn: typeof fetch = async (_input, init) => {
    calls++;
    if (quirks.repeatEvery > 0 && calls % quirks.repeatEvery === 0 && lastAnswer !== undefined) return Response.json(lastAnswer);
    const { params } = JSON.parse(String(init?.body)) as { params: { count: number; cursor?: string } };
    const cursor = params.cursor === undefined ? Infinity : Number(params.cursor);
    const start = messages.findIndex((m) => m.timestamp <= cursor);
    const page = start === -1 ? [] : messages.slice(start, start + params.count);
    const oldest = page.at(-1);
    const nextOlder = start === -1 ? undefined : messages[start + params.count];
    const next = quirks.inclusive ? (nextOlder && oldest ? String(oldest.timestamp) : undefined) : nextOlder ? String(nextOlder.timestamp) : undefined;
    lastAnswer = { success: true, data: { messages: page, ...(next ? { next_cursor: next } : {}) } };
    return Response.json(lastAnswer);
  };
  return createLinkupV2Provider({ baseUrl: "http://p/v2", fetch: fetchFn, timeoutMs: 1_000, apiKey: "k", accountId: "a", retry: NO_RETRY });
}

const threadArbitrary = fc
  .array(fc.integer({ min: 0, max: 3 }), { maxLength: 160 })
  .map((steps) => steps.reduce<number[]>((times, step) => [...times, (times.at(-1) ?? 1_000) + step], []));

function longestTie(timestamps: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const t of timestamps) counts.set(t, (counts.get(t) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

const signal = new AbortController().signal;

describe("thread pagination against a quirky provider (property)", () => {
  it("terminates, never doubles, and loses nothing when ties fit in a page and the cursor moves", async () => {
    await fc.assert(
      fc.asyncProperty(
        threadArbitrary,
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        fc.constantFrom(0, 0, 2, 3, 5),
        async (timestamps, limit, inclusive, repeatEvery) => {
          const provider = linkupThread(timestamps, { inclusive, repeatEvery });
          const served: Array<{ id: string; sentAt: number }> = [];
          let cursor: string | undefined;
          let pages = 0;
          const bound = 3 * timestamps.length + 10;
          for (;;) {
            const page = await provider.listMessages({ conversationId: "c", limit, cursor }, signal);
            served.push(...page.items);
            pages++;
            expect(pages).toBeLessThanOrEqual(bound);
            if (page.nextCursor === null) break;
            cursor = page.nextCursor;
          }
          const ids = served.map((m) => m.id);
          if (longestTie(timestamps) <= 16) expect(new Set(ids).size).toBe(ids.length);
          for (let i = 1; i < served.length; i++) expect(served[i - 1]!.sentAt).toBeGreaterThanOrEqual(served[i]!.sentAt);
          if (repeatEvery === 0 && longestTie(timestamps) < limit) expect(ids.length).toBe(timestamps.length);
        },
      ),
      { numRuns: 2_500 },
    );
  });
});
