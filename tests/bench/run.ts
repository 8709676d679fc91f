/**
 * `npm run bench`: speed, size and provider credits, each as a ratio against a baseline measured
 * on this machine in this same run. Prints each table, and writes them to
 * test-results/bench/results.md (to read) and results.json (to compare runs).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { startBareNext } from "./bare-next";
import { creditsBench } from "./credits";
import { providerPollingBench } from "./provider-polling";
import { proxyBench } from "./proxy";
import { proxyOnPostgresBench } from "./proxy-postgres";
import { pushedBench } from "./pushed";
import { createReport } from "./report";
import { withRealServer } from "./real-server";
import { sharedPollingBench } from "./shared-polling";
import { servedBench } from "./served";
import { sessionBench } from "./session-bench";

async function main(): Promise<void> {
  // The in-process adapters log each provider call (lib/server/log.ts, console.info): thousands of
  // lines that would bury the tables.
  console.info = () => undefined;
  const report = createReport();
  const credits = await creditsBench();
  report.add("Provider credits (lower is better; ratio = ours / baseline)", credits);

  const polling = await providerPollingBench();
  report.add("An open thread kept live 10 min, per provider (ratio = since poller / refetching 3 loaded pages)", polling);

  const session = await sessionBench();
  report.add("A rep's scripted half hour on Linkup v2 (10 min using the page, 10 idle, 5 hidden, 5 idle; 40 messages), 5 sessions each (ratio = ours / naive page polling every 10 s)", session.rows);
  report.add("The half hour against its targets", session.verdict);
  if (session.problems.length > 0) console.log("problems:", session.problems);

  // The bare Next app (a page and a route handler): the baseline of the proxy, page weight and Lighthouse.
  const bare = await startBareNext(3198);
  try {
    const { shared, pushed, proxy } = await withRealServer(async (server) => ({
      shared: await sharedPollingBench({ server }),
      pushed: await pushedBench({ server }),
      proxy: await proxyBench({ server, bareOrigin: bare.origin }),
    }));
    report.add("Clients watching one Linkup v2 account on a real server, each polling the inbox head at the live pace (ratio = calls a minute / one client's)", shared.rows);
    report.add("Clients on one account against the target", shared.verdict);
    report.add("Pushed accounts on a real server: 20 s quiet, then 10 webhook deliveries; then a forged, a stale and a replayed one", pushed.rows);
    report.add("Pushed accounts against the target", pushed.verdict);

    report.add("What our route adds to a provider call: page 2 of a Linkup v2 inbox (20 conversations), one at a time, 200 requests", proxy.oneAtATime);
    report.add("The same, 50 at a time, 1,000 requests (ratio = requests/s / a bare Next route handler's with a body of the same size)", proxy.concurrent);
    report.add("The proxy against the targets", proxy.verdict);
    const proxyOnPostgres = await proxyOnPostgresBench({ bareOrigin: bare.origin });
    report.add("The same one at a time on PostgreSQL 2 ms away (the app's database behind a delayed hop), instead of PGlite in the process", proxyOnPostgres.oneAtATime);
    report.add("The same 50 at a time on PostgreSQL 2 ms away", proxyOnPostgres.concurrent);

    const served = await servedBench(bare.origin);
    report.add("First-load JavaScript, gzip, every script a modern browser runs (ratio = page / a bare Next page of the same versions, built in this run)", served.size);
    report.add("Lighthouse mobile (simulated slow 4G, CPU 4×), median of 3 (ratios = page / the bare Next page)", served.lighthouse.rows);
    report.add("Lighthouse against the targets", served.lighthouse.verdict);
    report.add("API latency over loopback, demo account, median of 40 (ratio = request / GET /api/accounts)", served.latency);
    report.add("A slow phone (Chromium, 360×800, CPU 4× slower), demo account, median of 7: largest paint (ratio = inbox / 404 page)", served.paint);
    report.add("Tap a row (finger down 100 ms) until the thread's newest message shows, from the finger going down and from it lifting (the click), median of 7 (ratio = never opened / already loaded, from the finger going down)", served.tap);
    report.add("The demo inbox scrolled to its end at 360×800 (ratio = everything loaded / the first page)", served.longInbox);
    report.add("The demo's 10,000-message thread scrolled all the way back at 360×800 (ratio = fully scrolled back / at open)", served.longThread);
    report.add("Every older page of the long thread: fetched once, and how far the message being read moved as it landed", served.longThreadPaging);

    const measuredAt = new Date().toISOString();
    await mkdir("test-results/bench", { recursive: true });
    await writeFile("test-results/bench/results.json", JSON.stringify({ measuredAt, credits, polling, session: { rows: session.rows, verdict: session.verdict, problems: session.problems, shipped: session.shipped, naive: session.naive }, shared, pushed, proxy, proxyOnPostgres, ...served }, null, 2));
    await writeFile("test-results/bench/results.md", report.markdown(measuredAt));
    console.log("wrote test-results/bench/results.json and results.md");
  } finally {
    bare.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
