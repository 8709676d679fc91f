/**
 * `npm run bench`: speed, size and provider credits, each as a ratio against a baseline measured
 * on this machine in this same run. Writes test-results/bench/results.json and prints a table.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { creditsBench } from "./credits";
import { providerPollingBench } from "./provider-polling";
import { servedBench } from "./served";

async function main(): Promise<void> {
  const credits = await creditsBench();
  console.log("\nProvider credits (lower is better; ratio = ours / baseline)");
  console.table(credits);

  const polling = await providerPollingBench();
  console.log("\nAn open thread kept live 10 min, per provider (ratio = since poller / refetching 3 loaded pages)");
  console.table(polling);

  const served = await servedBench();
  console.log("\nFirst-load JavaScript, gzip (ratio = page / framework shell)");
  console.table(served.size);
  console.log("\nAPI latency over loopback, demo account, median of 40 (ratio = request / GET /api/accounts)");
  console.table(served.latency);

  await mkdir("test-results/bench", { recursive: true });
  await writeFile("test-results/bench/results.json", JSON.stringify({ measuredAt: new Date().toISOString(), credits, polling, ...served }, null, 2));
  console.log("wrote test-results/bench/results.json");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
