/**
 * Upstream traffic of keeping one open thread live for 10 simulated minutes, on each provider's
 * fake (its documented wire format) in the same run: ours (the `since` poller, native or emulated)
 * against the naive baseline (`refetchInterval` on the loaded history: 3 pages of 30, every 4 s).
 * Counts provider requests and response bytes; a new message arrives every ~37 s.
 */
import { createFixtureMailbox, FIXTURE_SELF, LONG_THREAD_NAME } from "../fake-upstream/fixture-mailbox";
import { handleConnectSafelyRequest } from "../fake-upstream/connectsafely";
import { createLinkedApiFake } from "../fake-upstream/linkedapi";
import { handleLinkupV1Request } from "../fake-upstream/linkup-v1";
import { createPeopleStore } from "@/lib/server/providers/linkedapi/store-sql";
import { openDatabase } from "@/lib/server/db";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import { handleLinkupV2Request } from "@/lib/server/linkup-v2-simulator/wire";
import { createConnectSafelyProvider } from "@/lib/server/providers/connectsafely/adapter";
import { createLinkedApiProvider } from "@/lib/server/providers/linkedapi/adapter";
import { createLinkupV1Provider } from "@/lib/server/providers/linkup-v1/adapter";
import { createLinkupV2Provider } from "@/lib/server/providers/linkup-v2/adapter";
import type { InboxProvider } from "@/lib/server/providers/types";

const POLL_MS = 4_000;
const ARRIVAL_MS = 37_000;
const SESSION_MS = 10 * 60_000;
const LOADED_PAGES = 3;
const THREAD_PAGE = 30;
const signal = new AbortController().signal;

type Meter = { calls: number; bytes: number };
type Setup = { provider: InboxProvider; conversationId: string; append: (text: string, now: number) => void; meter: Meter };
type ProviderName = "Linkup v2" | "Linkup v1" | "ConnectSafely" | "Linked API";

function metered(handler: (request: Request) => Promise<Response>, meter: Meter): typeof fetch {
  return async (input, init) => {
    meter.calls++;
    const response = await handler(new Request(input, init));
    const text = await response.text();
    meter.bytes += Buffer.byteLength(text);
    return new Response(text, { status: response.status, headers: response.headers });
  };
}

async function setup(name: ProviderName, start: number): Promise<Setup> {
  const fixture = createFixtureMailbox(start);
  const fixtureId = fixture.conversationIds()[0]!;
  const meter: Meter = { calls: 0, bytes: 0 };
  const mailbox = fixture.mailbox;
  const deps = { timeoutMs: 5_000, retry: NO_RETRY };
  const append = (text: string, now: number) => void fixture.append(fixtureId, text, false, now);
  switch (name) {
    case "Linkup v2": {
      const fetch = metered((r) => handleLinkupV2Request(r, { mailbox, apiKey: "k", accountId: "a" }), meter);
      return { provider: createLinkupV2Provider({ ...deps, baseUrl: "http://bench/v2", fetch, apiKey: "k", accountId: "a" }), conversationId: fixtureId, append, meter };
    }
    case "Linkup v1": {
      const fetch = metered((r) => handleLinkupV1Request(r, { mailbox, apiKey: "k", loginToken: "t" }), meter);
      return { provider: createLinkupV1Provider({ ...deps, baseUrl: "http://bench/v1", fetch, apiKey: "k", loginToken: "t" }), conversationId: fixtureId, append, meter };
    }
    case "ConnectSafely": {
      const fetch = metered((r) => handleConnectSafelyRequest(r, { mailbox, apiKey: "k", accountId: "acc", self: FIXTURE_SELF }), meter);
      const provider = createConnectSafelyProvider({ ...deps, baseUrl: "http://bench/linkedin", fetch, apiKey: "k", accountId: "acc" });
      const inbox = await provider.listConversations({ category: "INBOX", limit: 5 }, signal);
      return { provider, conversationId: inbox.items.find((c) => c.participant.name === LONG_THREAD_NAME)!.id, append, meter };
    }
    case "Linked API": {
      const fake = createLinkedApiFake({ mailbox, self: FIXTURE_SELF, token: "t", identificationToken: "i", syncDelayMs: 0 });
      const db = await openDatabase({});
      const provider = createLinkedApiProvider({
        ...deps,
        baseUrl: "http://bench",
        fetch: metered((r) => fake.handle(r), meter),
        token: "t",
        identificationToken: "i",
        accountId: "bench",
        store: createPeopleStore(db),
      });
      const person = await provider.people.add({ profileUrl: "https://www.linkedin.com/in/lena-longthread-0" }, signal);
      await provider.people.list(signal);
      return { provider, conversationId: person.id, append, meter };
    }
  }
}

type Poll = (provider: InboxProvider, conversationId: string) => Promise<void>;
/** A strategy is built from the newest message time of the thread as first opened. */
type Strategy = (newestSentAt: number) => Poll;

async function simulate(name: ProviderName, strategy: Strategy): Promise<Meter> {
  const start = Date.now();
  const { provider, conversationId, append, meter } = await setup(name, start);
  // The thread as first opened: not counted, both strategies start from it.
  const opened = await provider.listMessages({ conversationId, limit: THREAD_PAGE }, signal);
  const poll = strategy(opened.items[0]!.sentAt);
  meter.calls = 0;
  meter.bytes = 0;
  let nextArrival = start + ARRIVAL_MS;
  for (let now = start + POLL_MS; now <= start + SESSION_MS; now += POLL_MS) {
    while (nextArrival <= now) {
      append(`news at ${nextArrival}`, nextArrival);
      nextArrival += ARRIVAL_MS;
    }
    await poll(provider, conversationId);
  }
  return { ...meter };
}

/** Ours: ask for what is new since the newest message held (the client's `since` poller). */
const sincePoller: Strategy = (newestSentAt) => {
  let newest = newestSentAt;
  return async (provider, conversationId) => {
    const page = await provider.messagesSince({ conversationId, since: newest }, signal);
    newest = Math.max(newest, ...page.items.map((m) => m.sentAt));
  };
};

/** Baseline: `refetchInterval` on the infinite history re-reads every loaded page. */
const refetchLoadedPages: Strategy = () => async (provider, conversationId) => {
  let cursor: string | undefined;
  for (let page = 0; page < LOADED_PAGES; page++) {
    const result = await provider.listMessages({ conversationId, limit: THREAD_PAGE, cursor }, signal);
    cursor = result.nextCursor ?? undefined;
  }
};

export async function providerPollingBench() {
  const names: ProviderName[] = ["Linkup v2", "Linkup v1", "ConnectSafely", "Linked API"];
  const rows = [];
  for (const name of names) {
    const ours = await simulate(name, sincePoller);
    const baseline = await simulate(name, refetchLoadedPages);
    rows.push({
      provider: name,
      oursCalls: ours.calls,
      baselineCalls: baseline.calls,
      callsRatio: round(ours.calls / baseline.calls),
      oursKB: round(ours.bytes / 1024),
      baselineKB: round(baseline.bytes / 1024),
      bytesRatio: round(ours.bytes / baseline.bytes),
    });
  }
  return rows;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
