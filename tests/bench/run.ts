/**
 * `npm run bench`: speed, size and provider credits, each as a ratio against a baseline measured
 * on this machine in this same run. Writes test-results/bench/results.json and prints a table.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { creditsBench } from "./credits";
import { providerPollingBench } from "./provider-polling";
import { pushedBench } from "./pushed";
import { withRealServer } from "./real-server";
import { sharedPollingBench } from "./shared-polling";
import { servedBench } from "./served";
import { sessionBench } from "./session-bench";

async function main(): Promise<void> {
  // The in-process adapters log each provider call (lib/server/log.ts, console.info): thousands of
  // lines that would bury the tables.
  console.info = () => undefined;
  const credits = await creditsBench();
  console.log("\nProvider credits (lower is better; ratio = ours / baseline)");
  console.table(credits);

  const polling = await providerPollingBench();
  console.log("\nAn open thread kept live 10 min, per provider (ratio = since poller / refetching 3 loaded pages)");
  console.table(polling);

  const session = await sessionBench();
  console.log("\nA rep's scripted half hour on Linkup v2 (10 min using the page, 10 idle, 5 hidden, 5 idle; 40 messages), 5 sessions each (ratio = ours / naive page polling every 10 s)");
  console.table(session.rows);
  console.table(session.verdict);
  if (session.problems.length > 0) console.log("problems:", session.problems);

  const { shared, pushed } = await withRealServer(async (server) => ({ shared: await sharedPollingBench({ server }), pushed: await pushedBench({ server }) }));
  console.log("\nClients watching one Linkup v2 account on a real server, each polling the inbox head at the live pace (ratio = calls a minute / one client's)");
  console.table(shared.rows);
  console.log(shared.verdict);
  console.log("\nPushed accounts on a real server: 20 s quiet, then 10 webhook deliveries; then a forged, a stale and a replayed one");
  console.table(pushed.rows);
  console.log(pushed.verdict);

  const served = await servedBench();
  console.log("\nFirst-load JavaScript, gzip (ratio = page / framework shell)");
  console.table(served.size);
  console.log("\nAPI latency over loopback, demo account, median of 40 (ratio = request / GET /api/accounts)");
  console.table(served.latency);
  console.log("\nA slow phone (Chromium, 360×800, CPU 4× slower), demo account, median of 7: largest paint (ratio = inbox / 404 page)");
  console.table(served.paint);
  console.log("\nTap a row (finger down 100 ms) until the thread's newest message shows, median of 7 (ratio = never opened / already loaded)");
  console.table(served.tap);
  console.log("\nThe demo's 10,000-message thread scrolled all the way back at 360×800 (ratio = fully scrolled back / at open)");
  console.table(served.longThread);
  console.log(served.longThreadPaging);

  await mkdir("test-results/bench", { recursive: true });
  await writeFile("test-results/bench/results.json", JSON.stringify({ measuredAt: new Date().toISOString(), credits, polling, session: { rows: session.rows, verdict: session.verdict, problems: session.problems, shipped: session.shipped, naive: session.naive }, shared, pushed, ...served }, null, 2));
  console.log("wrote test-results/bench/results.json");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
