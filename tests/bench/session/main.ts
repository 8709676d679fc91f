/**
 * Runs of the scripted session, in a process of its own (started by tests/bench/session-bench.ts
 * with the account's env, preloading server-only-off.ts): `--watcher=threadline|naive`,
 * `--sessions=<n>` (each a day later, its messages shifted: scenario.ts), optionally
 * `--pace=<JSON pace table>` to try another table than lib/client/poll-pace.ts's; `--out=<file>`.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { PACE_MS } from "@/lib/client/poll-pace";
import { percentile, round } from "../stats";
import { paceTableSchema, type Latencies, type SessionOutcome } from "./outcome";
import type { SessionRun } from "./session-run";

const args = z
  .object({ watcher: z.enum(["threadline", "naive"]), sessions: z.coerce.number().int().min(1).default(1), pace: z.string().optional(), out: z.string().min(1) })
  .parse(parseArgs({ options: { watcher: { type: "string" }, sessions: { type: "string" }, pace: { type: "string" }, out: { type: "string" } } }).values);

async function main(): Promise<void> {
  if (args.pace !== undefined) {
    const table = paceTableSchema.parse(JSON.parse(args.pace));
    // Before the query options are loaded: they read the table when they are defined, too.
    for (const pace of ["live", "active", "idle"] as const) Object.assign(PACE_MS[pace], table[pace]);
  }
  const { runSession, countBy } = await import("./session-run");
  const { installInProcessApp } = await import("./in-process-app");
  const { installFakeClock } = await import("./fake-clock");
  const app = installInProcessApp();
  const time = installFakeClock(app.inFlight);
  const startedAt = performance.now();
  const runs: SessionRun[] = [];
  for (let repetition = 0; repetition < args.sessions; repetition++) runs.push(await runSession(time, app, args.watcher, repetition));

  const sum = (pick: (run: SessionRun) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const counts = (pick: (run: SessionRun) => Record<string, number>) => countBy(runs.flatMap((run) => Object.entries(pick(run)).flatMap(([key, n]) => Array<string>(n).fill(key))));
  const pooled = (phase: keyof SessionRun["seconds"]): Latencies => {
    const seconds = runs.flatMap((run) => run.seconds[phase]);
    const at = (p: number) => {
      const value = percentile(seconds, p);
      return value === null ? null : round(value, 2);
    };
    return { messages: seconds.length + sum((run) => run.neverShown[phase]), p50s: at(50), p95s: at(95), maxS: at(100), neverShown: sum((run) => run.neverShown[phase]) };
  };
  const outcome: SessionOutcome = {
    watcher: args.watcher,
    paceMs: PACE_MS,
    sessions: runs.length,
    upstreamCalls: sum((run) => run.upstreamCalls),
    credits: sum((run) => run.credits),
    callsByAction: counts((run) => run.callsByAction),
    upstreamCallsWhileHidden: sum((run) => run.upstreamCallsWhileHidden),
    apiRequestsWhileHidden: sum((run) => run.apiRequestsWhileHidden),
    apiRequests: counts((run) => run.apiRequests),
    latency: { active: pooled("active"), idle: pooled("idle"), hidden: pooled("hidden") },
    openThreadMessages: sum((run) => run.openThreadMessages),
    shownExactlyOnce: sum((run) => run.shownExactlyOnce),
    problems: runs.flatMap((run, index) => run.problems.map((problem) => `session ${index + 1}: ${problem}`)),
    realSeconds: round((performance.now() - startedAt) / 1000, 1),
  };
  await writeFile(args.out, JSON.stringify(outcome));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
