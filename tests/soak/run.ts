/**
 * `npm run soak`: 50 simulated clients keep threads live through our API for SOAK_SECONDS
 * (default 300) while the fake upstream fails 10% of calls at random (errors, resets, timeouts,
 * damaged bodies) and new messages keep arriving. Loopback only, bounded in time. Passes when the
 * server never answers an unmapped 500, its memory stays flat, and every client ends holding every
 * message of its thread exactly once. Needs a production build (the npm script builds first).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { BENCH_ACCOUNTS, withRealServer, type RealServer } from "../bench/real-server";
import { SoakClient, type Tally } from "./client";
import { treeRssMiB } from "./processes";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const CLIENTS = 50;
const THREADS = 20;
const CHAOS_RATE = 0.1;
const PORTS = { app: 3120, fake: 4020 };

async function main(): Promise<void> {
  // The bench's real server: the fake upstream, the app with accounts and room in its limits, the admin signed in.
  await withRealServer(soak, {
    ports: PORTS,
    appEnv: {
      UPSTREAM_TIMEOUT_MS: "2000",
      // Uncapped, V8 grows its heap lazily and RSS climbs without any leak (seen: 327 -> 579 MiB in
      // 5 minutes). Capped, a leak has nowhere to hide: it would crash the server and fail clients.
      NODE_OPTIONS: "--max-old-space-size=192",
    },
  });
}

async function soak(server: RealServer): Promise<void> {
  const fake = (path: string, init?: RequestInit) => fetch(`${server.fakeUrl}/__control${path}`, init);
  await server.control("/reset", {});
  const ids = (await server.fixtureConversationIds()).slice(0, THREADS);
  const threadUrl = (id: string) => `${server.appUrl}/api/accounts/${BENCH_ACCOUNTS.linkupV2}/conversations/${encodeURIComponent(id)}/messages`;

  const tally: Tally = { statuses: new Map(), unmapped: [] };
  const clients = Array.from({ length: CLIENTS }, (_, i) => ({ conversationId: ids[i % THREADS]!, client: new SoakClient(threadUrl(ids[i % THREADS]!), tally, server.headers) }));

  await server.control("/chaos", { rate: CHAOS_RATE });
  const startedAt = Date.now();
  const endsAt = startedAt + SECONDS * 1000;
  const memory: Array<{ second: number; rssMiB: number }> = [];
  let added = 0;

  const sampler = setInterval(() => memory.push({ second: Math.round((Date.now() - startedAt) / 1000), rssMiB: Math.round(treeRssMiB(server.appPid)) }), 5_000);
  const arrivals = setInterval(() => {
    const id = ids[Math.floor(Math.random() * THREADS)]!;
    added++;
    void fake("/messages", { method: "POST", body: JSON.stringify({ conversationId: id, text: `soak message ${added}` }) });
  }, 400);

  await Promise.all(
    clients.map(async ({ client }) => {
      await client.loadWholeHistory();
      while (Date.now() < endsAt) {
        await client.poll();
        await new Promise((resolve) => setTimeout(resolve, 800 + Math.random() * 400));
      }
    }),
  );
  clearInterval(arrivals);
  clearInterval(sampler);

  // Faults lifted: every client catches up once more, then must hold exactly the provider's truth.
  await server.control("/chaos", { rate: 0 });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const mismatches: string[] = [];
  for (const { conversationId, client } of clients) {
    while (!(await client.poll()));
    const truth = ((await (await fake(`/thread?id=${encodeURIComponent(conversationId)}`)).json()) as { messages: Array<{ entity_urn: string; timestamp: number }> }).messages;
    const expected = new Set(truth.map((m) => `${m.entity_urn}@${m.timestamp}`));
    const held = client.messageIds();
    const unique = new Set(held);
    const missing = [...expected].filter((id) => !unique.has(id)).length;
    const extra = [...unique].filter((id) => !expected.has(id)).length;
    if (held.length !== unique.size || missing > 0 || extra > 0) {
      mismatches.push(`${conversationId}: held ${held.length} (unique ${unique.size}), expected ${expected.size}, missing ${missing}, extra ${extra}`);
    }
  }

  const stats = await server.stats();
  const firstMinute = memory.filter((m) => m.second >= 30 && m.second <= 90);
  const lastMinute = memory.filter((m) => m.second >= SECONDS - 60);
  const average = (rows: typeof memory) => rows.reduce((sum, row) => sum + row.rssMiB, 0) / Math.max(1, rows.length);
  const growth = average(lastMinute) / Math.max(1, average(firstMinute));
  const statuses = Object.fromEntries([...tally.statuses.entries()].sort(([a], [b]) => a - b));
  const upstreamCalls = Object.values(stats.calls).reduce((sum, n) => sum + n, 0);
  const result = {
    seconds: SECONDS,
    clients: CLIENTS,
    messagesAdded: added,
    upstreamCalls,
    upstreamFaultsInjected: stats.faults,
    ourStatuses: statuses,
    unmapped500s: tally.unmapped.length,
    memoryMiB: { minute1Avg: Math.round(average(firstMinute)), lastMinuteAvg: Math.round(average(lastMinute)), ratio: Math.round(growth * 100) / 100, samples: memory },
    clientsExact: CLIENTS - mismatches.length,
    mismatches,
  };
  await mkdir("test-results/soak", { recursive: true });
  await writeFile("test-results/soak/results.json", JSON.stringify(result, null, 2));
  console.log(JSON.stringify({ ...result, memoryMiB: { ...result.memoryMiB, samples: `${memory.length} samples` } }, null, 2));

  const failures = [
    ...(tally.unmapped.length > 0 ? [`unmapped errors: ${tally.unmapped.slice(0, 3).join(" | ")}`] : []),
    ...(growth > 1.25 ? [`memory grew ${growth.toFixed(2)}x`] : []),
    ...mismatches,
  ];
  if (failures.length > 0) {
    console.error(`SOAK FAILED:\n${failures.join("\n")}`);
    process.exitCode = 1;
  } else {
    console.log("soak passed");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
