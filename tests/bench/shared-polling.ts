/**
 * Issue 13, "freshness bought cheaply" for polled accounts: 1, 5 and 25 clients (tabs, reps)
 * watching the same Linkup v2 account on a real server must cost the provider at most 1.2× what one
 * client costs. Each simulated client does what an open inbox does at the live pace (the rep using
 * it, messages flowing): it asks for the inbox head, the exact URL the head poller builds, every
 * `paceDelayMs(PACE_MS.live.head, …)`. What holds the provider's calls flat is the server's shared
 * cache of the head (lib/server/cache, HEAD_TTL_MS in lib/server/inbox.ts): measured here, at the
 * fake upstream's own call counter, not assumed.
 */
import { conversationsPageSchema } from "@/lib/contracts/api";
import { conversationsUrl } from "@/lib/client/api-urls";
import { PACE_MS, paceDelayMs } from "@/lib/client/poll-pace";
import { BENCH_ACCOUNTS, callsBetween, sleep, withRealServer, type RealServer } from "./real-server";
import { round } from "./stats";

/** The head poll's page size (HEAD_LIMIT in lib/client/queries.ts, not importable outside a React build). */
const HEAD_LIMIT = 10;
const CLIENT_COUNTS = [1, 5, 25] as const;
const TARGET_RATIO = 1.2;
/** New LinkedIn messages arrive this often while the clients watch (the head keeps changing, as when the pace is live). */
const ARRIVAL_EVERY_MS = 15_000;

export type SharedPollingRow = {
  clients: number;
  seconds: number;
  apiRequests: number;
  non2xx: number;
  upstreamCalls: number;
  upstreamCallsPerMinute: number;
  ratioToOneClient: number;
};
export type SharedPollingResult = { rows: SharedPollingRow[]; verdict: { maxRatio: number; target: number; met: boolean; non2xx: number } };

/** One simulated inbox tab: asks for the head at the live pace until `endsAt`, starting at a random point of its first interval. */
async function watchHead(server: RealServer, clientIndex: number, endsAt: number, tally: { requests: number; non2xx: number }): Promise<void> {
  const url = conversationsUrl(BENCH_ACCOUNTS.linkupV2, { category: "INBOX", limit: HEAD_LIMIT });
  await sleep(Math.random() * paceDelayMs(PACE_MS.live.head, Date.now() + clientIndex));
  for (;;) {
    const answer = await server.get(url);
    tally.requests++;
    if (answer.status < 200 || answer.status >= 300) tally.non2xx++;
    else conversationsPageSchema.parse(answer.body);
    // The window ends at the last answer, not after a wait nobody measures.
    const delay = paceDelayMs(PACE_MS.live.head, Date.now() + clientIndex);
    if (Date.now() + delay >= endsAt) return;
    await sleep(delay);
  }
}

async function measure(server: RealServer, clients: number, seconds: number, threadIds: readonly string[]): Promise<Omit<SharedPollingRow, "ratioToOneClient">> {
  const tally = { requests: 0, non2xx: 0 };
  const before = await server.stats();
  const startedAt = Date.now();
  const endsAt = startedAt + seconds * 1_000;
  let arrived = 0;
  const arrivals = setInterval(() => {
    const id = threadIds[arrived % threadIds.length];
    arrived++;
    if (id !== undefined) void server.control("/messages", { conversationId: id, text: `shared-polling arrival ${arrived}` }).catch(() => undefined);
  }, ARRIVAL_EVERY_MS);
  try {
    await Promise.all(Array.from({ length: clients }, (_, index) => watchHead(server, index, endsAt, tally)));
  } finally {
    clearInterval(arrivals);
  }
  // The window is until the last client's last answer: every call it caused is in `after`.
  const elapsedMinutes = (Date.now() - startedAt) / 60_000;
  const after = await server.stats();
  const upstreamCalls = callsBetween(before, after, "linkup-v2");
  return {
    clients,
    seconds: round(elapsedMinutes * 60, 1),
    apiRequests: tally.requests,
    non2xx: tally.non2xx,
    upstreamCalls,
    upstreamCallsPerMinute: round(upstreamCalls / elapsedMinutes, 2),
  };
}

/**
 * Runs 1, 5 and 25 clients for `seconds` each (default 120: one client makes about 27 calls then,
 * so one call more or less moves a ratio by 4%, not 7% as in a minute) against a real server
 * (started here unless one is given). Rows for console.table; met when every ratio is ≤ 1.2 and
 * no answer failed.
 */
export async function sharedPollingBench(options: { seconds?: number; server?: RealServer } = {}): Promise<SharedPollingResult> {
  const seconds = options.seconds ?? 120;
  const run = async (server: RealServer): Promise<SharedPollingResult> => {
    const threadIds = (await server.fixtureConversationIds()).slice(0, 5);
    // Warm up (the first read opens the database and the provider client), then let the head go stale.
    await server.get(conversationsUrl(BENCH_ACCOUNTS.linkupV2, { category: "INBOX", limit: HEAD_LIMIT }));
    await sleep(5_000);
    const measured = [];
    for (const clients of CLIENT_COUNTS) {
      measured.push(await measure(server, clients, seconds, threadIds));
      // Let the cached head go stale, so one run's last refresh is not the next one's first answer.
      await sleep(5_000);
    }
    const oneClient = measured[0]?.upstreamCallsPerMinute ?? 0;
    const rows = measured.map((row) => ({ ...row, ratioToOneClient: oneClient > 0 ? round(row.upstreamCallsPerMinute / oneClient, 3) : Number.NaN }));
    const maxRatio = Math.max(...rows.map((row) => row.ratioToOneClient));
    const non2xx = rows.reduce((sum, row) => sum + row.non2xx, 0);
    return { rows, verdict: { maxRatio, target: TARGET_RATIO, met: maxRatio <= TARGET_RATIO && non2xx === 0, non2xx } };
  };
  return options.server ? run(options.server) : withRealServer(run);
}
