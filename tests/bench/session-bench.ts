/**
 * Issue 13's scripted half hour (tests/bench/session/scenario.ts) on a Linkup v2 account, on a
 * compressed clock, through the real client code and our server's reading code: the naive page
 * (inbox page 1 of 20 and thread page 1 of 30 every 10 s) against Threadline with the shipped pace
 * table, and against two other tables, so the trade-off between credits and freshness is visible.
 *
 * Each way of watching runs in a process of its own (session/main.ts): the app's modules keep
 * their first clock and their account's adapter, so runs cannot share one.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACE_MS } from "@/lib/client/poll-pace";
import { sessionProcessEnv } from "./session/account";
import { sessionOutcomeSchema, type PaceTable, type SessionOutcome } from "./session/outcome";

/** Sessions per way of watching, each sampling the pollers at another phase (scenario.ts arrivalsOf). */
const SESSIONS = 5;

/** Tables tried beside the shipped one: one cheaper, one fresher. */
const OTHER_TABLES: Record<string, PaceTable> = {
  "cheaper (live 6 s, active 15 s, idle 30 s)": { live: { head: 6_000, changes: 2_000 }, active: { head: 15_000, changes: 2_000 }, idle: { head: 30_000, changes: 10_000 } },
  "fresher (live 4 s, active 5 s, idle 25 s)": { live: { head: 4_000, changes: 2_000 }, active: { head: 5_000, changes: 2_000 }, idle: { head: 25_000, changes: 10_000 } },
};

/** Issue 13's targets, against the naive page in the same run. */
const SESSION_TARGETS = { creditsRatio: 0.2, callsRatio: 0.2, activeP95S: 5, idleP95S: 30 } as const;

async function runWatcher(watcher: "naive" | "threadline", pace?: PaceTable): Promise<SessionOutcome> {
  const dir = await mkdtemp(join(tmpdir(), "threadline-session-"));
  const out = join(dir, "outcome.json");
  const args = ["tsx", "--import", "./tests/bench/session/server-only-off.ts", "tests/bench/session/main.ts", `--watcher=${watcher}`, `--sessions=${SESSIONS}`, `--out=${out}`];
  if (pace) args.push(`--pace=${JSON.stringify(pace)}`);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      // stdout carries the server's structured log lines (one per provider call): not wanted here.
      const child = spawn("npx", args, { env: sessionProcessEnv(), stdio: ["ignore", "ignore", "inherit"] });
      child.on("error", reject);
      child.on("exit", resolve);
    });
    if (code !== 0) throw new Error(`the ${watcher} session run exited with ${code}`);
    return sessionOutcomeSchema.parse(JSON.parse(await readFile(out, "utf8")));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const perSession = (outcome: SessionOutcome, total: number) => Math.round(total / outcome.sessions);
const ratio = (ours: number, baseline: number) => Math.round((ours / baseline) * 1000) / 1000;

function row(name: string, outcome: SessionOutcome, naive: SessionOutcome) {
  return {
    watcher: name,
    "calls / 30 min": perSession(outcome, outcome.upstreamCalls),
    "credits / 30 min": perSession(outcome, outcome.credits),
    "calls ratio": ratio(outcome.upstreamCalls, naive.upstreamCalls),
    "credits ratio": ratio(outcome.credits, naive.credits),
    "active p95 s": outcome.latency.active.p95s,
    "idle p95 s": outcome.latency.idle.p95s,
    "after hidden p95 s": outcome.latency.hidden.p95s,
    "calls while hidden": outcome.upstreamCallsWhileHidden,
    "thread msgs shown once": `${outcome.shownExactlyOnce}/${outcome.openThreadMessages}`,
    problems: outcome.problems.length,
  };
}

export type SessionBenchRow = ReturnType<typeof row>;

/** The shipped table against each of issue 13's targets. */
function verdictOf(shipped: SessionOutcome, naive: SessionOutcome) {
  const creditsRatio = ratio(shipped.credits, naive.credits);
  const callsRatio = ratio(shipped.upstreamCalls, naive.upstreamCalls);
  const { active, idle } = shipped.latency;
  return {
    creditsRatio: { measured: creditsRatio, target: SESSION_TARGETS.creditsRatio, met: creditsRatio <= SESSION_TARGETS.creditsRatio },
    callsRatio: { measured: callsRatio, target: SESSION_TARGETS.callsRatio, met: callsRatio <= SESSION_TARGETS.callsRatio },
    activeP95S: { measured: active.p95s, target: SESSION_TARGETS.activeP95S, met: active.p95s !== null && active.p95s <= SESSION_TARGETS.activeP95S },
    idleP95S: { measured: idle.p95s, target: SESSION_TARGETS.idleP95S, met: idle.p95s !== null && idle.p95s <= SESSION_TARGETS.idleP95S },
    callsWhileHidden: { measured: shipped.upstreamCallsWhileHidden, target: 0, met: shipped.upstreamCallsWhileHidden === 0 },
    shownExactlyOnce: { measured: `${shipped.shownExactlyOnce}/${shipped.openThreadMessages}`, met: shipped.shownExactlyOnce === shipped.openThreadMessages && shipped.problems.length === 0 },
  };
}

export async function sessionBench(): Promise<{ rows: SessionBenchRow[]; verdict: ReturnType<typeof verdictOf>; shipped: SessionOutcome; naive: SessionOutcome; problems: string[] }> {
  const naive = await runWatcher("naive");
  const shipped = await runWatcher("threadline");
  const rows = [row("naive (every 10 s)", naive, naive), row(`Threadline, shipped (live ${PACE_MS.live.head / 1000} s, active ${PACE_MS.active.head / 1000} s, idle ${PACE_MS.idle.head / 1000} s)`, shipped, naive)];
  const problems = [...naive.problems.map((problem) => `naive ${problem}`), ...shipped.problems];
  for (const [name, table] of Object.entries(OTHER_TABLES)) {
    const outcome = await runWatcher("threadline", table);
    rows.push(row(`Threadline, ${name}`, outcome, naive));
    problems.push(...outcome.problems.map((problem) => `${name}: ${problem}`));
  }
  return { rows, verdict: verdictOf(shipped, naive), shipped, naive, problems };
}
