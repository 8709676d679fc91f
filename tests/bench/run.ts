/**
 * `npm run bench`: speed, size and provider credits, each as a ratio against a baseline measured
 * on this machine in this same run. Writes test-results/bench/results.json and prints a table.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { creditsBench } from "./credits";
import { providerPollingBench } from "./provider-polling";
import { servedBench } from "./served";
import { sessionBench } from "./session-bench";

async function main(): Promise<void> {
  const credits = await creditsBench();
  console.log("\nProvider credits (lower is better; ratio = ours / baseline)");
  console.table(credits);

  const polling = await providerPollingBench();
  console.log("\nAn open thread kept live 10 min, per provider (ratio = since poller / refetching 3 loaded pages)");
  console.table(polling);

  const session = await sessionBench();
  console.log("\nA rep's scripted half hour on Linkup v2 (10 min using the page, 10 idle, 5 hidden, 5 idle; 40 messages), 5 sessions each (ratio = ours / naive page polling every 10 s)");
  console.table(session.rows);
  if (session.problems.length > 0) console.log("problems:", session.problems);

  const served = await servedBench();
  console.log("\nFirst-load JavaScript, gzip (ratio = page / framework shell)");
  console.table(served.size);
  console.log("\nAPI latency over loopback, demo account, median of 40 (ratio = request / GET /api/accounts)");
  console.table(served.latency);

  await mkdir("test-results/bench", { recursive: true });
  await writeFile("test-results/bench/results.json", JSON.stringify({ measuredAt: new Date().toISOString(), credits, polling, session: { rows: session.rows, problems: session.problems, shipped: session.shipped, naive: session.naive }, ...served }, null, 2));
  console.log("wrote test-results/bench/results.json");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
