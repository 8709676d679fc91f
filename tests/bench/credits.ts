/**
 * Provider credits spent keeping a screen live, ours against the naive baseline, on the same
 * Linkup v2 simulator in the same run. Time is simulated: a new message every ~37 s (the demo's
 * rate), a poll every 4 s (about the live pace: lib/client/poll-pace.ts), for 10 minutes.
 *
 * - Thread: ours = the `since` poller (emulated on Linkup); baseline = `refetchInterval` on the
 *   infinite history, which re-downloads every loaded page each time (3 pages of 30 here).
 * - Inbox: ours = page 1 refreshed and merged; baseline = every loaded page (3 of 20) refetched.
 */
import { handleLinkupV2Request } from "@/lib/server/linkup-v2-simulator/wire";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import { createLinkupV2Provider } from "@/lib/server/providers/linkup-v2/adapter";
import type { InboxProvider } from "@/lib/server/providers/types";
import { createFixtureMailbox } from "../fake-upstream/fixture-mailbox";

const POLL_MS = 4_000;
const ARRIVAL_MS = 37_000;
const SESSION_MS = 10 * 60_000;
const LOADED_PAGES = 3;
const THREAD_PAGE = 30;
const INBOX_PAGE = 20;

type Meter = { provider: InboxProvider; credits: () => number; calls: () => number; append: (text: string, now: number) => void };

function meteredProvider(start: number): Meter {
  const fixture = createFixtureMailbox(start);
  let credits = 0;
  let calls = 0;
  const fetchFn: typeof fetch = async (input, init) => {
    calls++;
    const response = await handleLinkupV2Request(new Request(input, init), { mailbox: fixture.mailbox, apiKey: "k", accountId: "a" });
    const body = (await response.clone().json()) as { metadata?: { credits_consumed?: number } };
    credits += body.metadata?.credits_consumed ?? 0;
    return response;
  };
  const provider = createLinkupV2Provider({ baseUrl: "http://bench/v2", fetch: fetchFn, timeoutMs: 5_000, apiKey: "k", accountId: "a", retry: NO_RETRY });
  const threadId = fixture.conversationIds()[0]!;
  return {
    provider,
    credits: () => credits,
    calls: () => calls,
    append: (text, now) => void fixture.append(threadId, text, false, now),
  };
}

async function simulate(keepLive: (meter: Meter, threadId: string) => Promise<void>) {
  const start = Date.now();
  const meter = meteredProvider(start);
  const threadId = createFixtureMailbox(start).conversationIds()[0]!;
  let nextArrival = start + ARRIVAL_MS;
  for (let now = start + POLL_MS; now <= start + SESSION_MS; now += POLL_MS) {
    while (nextArrival <= now) {
      meter.append(`news at ${nextArrival}`, nextArrival);
      nextArrival += ARRIVAL_MS;
    }
    await keepLive(meter, threadId);
  }
  return { credits: meter.credits(), calls: meter.calls() };
}

const signal = new AbortController().signal;

async function threadSince() {
  let newest = 0;
  return simulate(async ({ provider }, conversationId) => {
    if (newest === 0) newest = (await provider.listMessages({ conversationId, limit: THREAD_PAGE }, signal)).items[0]!.sentAt;
    const page = await provider.messagesSince({ conversationId, since: newest }, signal);
    newest = Math.max(newest, ...page.items.map((m) => m.sentAt));
  });
}

async function threadRefetchAllPages() {
  return simulate(async ({ provider }, conversationId) => {
    let cursor: string | undefined;
    for (let page = 0; page < LOADED_PAGES; page++) {
      const result = await provider.listMessages({ conversationId, limit: THREAD_PAGE, cursor }, signal);
      cursor = result.nextCursor ?? undefined;
    }
  });
}

async function inboxFirstPage() {
  return simulate(async ({ provider }) => {
    await provider.listConversations({ category: "INBOX", limit: INBOX_PAGE }, signal);
  });
}

async function inboxRefetchAllPages() {
  return simulate(async ({ provider }) => {
    let cursor: string | undefined;
    for (let page = 0; page < LOADED_PAGES; page++) {
      const result = await provider.listConversations({ category: "INBOX", limit: INBOX_PAGE, cursor }, signal);
      cursor = result.nextCursor ?? undefined;
    }
  });
}

export async function creditsBench() {
  const rows = [
    { scenario: "thread kept live 10 min", ours: await threadSince(), baseline: await threadRefetchAllPages() },
    { scenario: "inbox kept live 10 min", ours: await inboxFirstPage(), baseline: await inboxRefetchAllPages() },
  ];
  return rows.map(({ scenario, ours, baseline }) => ({
    scenario,
    oursCredits: ours.credits,
    baselineCredits: baseline.credits,
    ratio: round(ours.credits / baseline.credits),
    oursCalls: ours.calls,
    baselineCalls: baseline.calls,
  }));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
