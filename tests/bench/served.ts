/**
 * Size and speed of the production build, each against a baseline from the same run: each page's
 * JavaScript (gzip) and Lighthouse mobile (lighthouse.ts) against a bare Next page of the same
 * versions (bare-next.ts), API latencies against the route that does no provider work
 * (GET /api/accounts), what a slow phone sees (first-paint.ts), the demo inbox scrolled to its
 * end (long-inbox.ts) and the demo's 10,000-message thread scrolled all the way back (long-thread.ts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { firstPaintBench } from "./first-paint";
import { lighthouseBench } from "./lighthouse";
import { LONG_THREAD_PARTICIPANT } from "@/lib/server/demo/long-thread";
import { longInboxBench } from "./long-inbox";
import { longThreadBench } from "./long-thread";
import { modernScriptSources } from "./page-scripts";

const PORT = 3199;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SAMPLES = 40;

async function startServer(): Promise<ChildProcess> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("no production build: `npm run bench` builds one first");
  // A server left on the port (an interrupted run) would be measured instead of this build.
  if (await fetch(`${ORIGIN}/api/accounts`).then(() => true, () => false)) throw new Error(`port ${PORT} is in use: stop what runs there first`);
  // No provider configured: the bench measures the demo account.
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  for (const key of Object.keys(env)) if (key.startsWith("LINKUP_")) delete env[key];
  const child = spawn("npx", ["next", "start", "-p", String(PORT)], { env, stdio: "ignore", detached: true });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await fetch(`${ORIGIN}/api/accounts`).then((r) => r.ok, () => false)) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("next start did not come up");
}

async function pageScriptBytes(url: string): Promise<{ files: number; gzipBytes: number }> {
  const sources = modernScriptSources(await (await fetch(url)).text());
  let gzipBytes = 0;
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { files: sources.length, gzipBytes };
}

async function medianMs(url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** `bareOrigin`: the bare Next app of this run (bare-next.ts), the baseline for page weight and Lighthouse. */
export async function servedBench(bareOrigin: string) {
  const server = await startServer();
  try {
    const conversations = (await (await fetch(`${ORIGIN}/api/accounts/demo/conversations?limit=20`)).json()) as { conversations: Array<{ id: string }> };
    const conversationId = encodeURIComponent(conversations.conversations[6]!.id);
    const pages = { "inbox /a/demo/inbox": `${ORIGIN}/a/demo/inbox`, "thread /a/demo/inbox/c/…": `${ORIGIN}/a/demo/inbox/c/${conversationId}` };
    const bareScripts = await pageScriptBytes(bareOrigin);
    const size = [
      { page: "bare Next page (baseline)", ...bareScripts, ratio: 1 },
      ...(await Promise.all(
        Object.entries({ ...pages, "404 page (our root layout only)": `${ORIGIN}/bench-baseline-404` }).map(async ([page, url]) => {
          const scripts = await pageScriptBytes(url);
          return { page, ...scripts, ratio: Math.round((scripts.gzipBytes / bareScripts.gzipBytes) * 100) / 100 };
        }),
      )),
    ];
    const lighthouse = await lighthouseBench(bareOrigin, pages);
    const thread = `${ORIGIN}/api/accounts/demo/conversations/${conversationId}/messages`;
    await medianMs(`${ORIGIN}/api/accounts`); // warm up
    const baseline = await medianMs(`${ORIGIN}/api/accounts`);
    const latency = [
      { request: "GET /api/accounts (baseline)", medianMs: baseline },
      { request: "conversations page of 20", medianMs: await medianMs(`${ORIGIN}/api/accounts/demo/conversations?limit=20`) },
      { request: "messages page of 30", medianMs: await medianMs(`${thread}?limit=30`) },
      { request: "messages since (1 new)", medianMs: await medianMs(`${thread}?since=${Date.now() - 40_000}`) },
    ].map((row) => ({ ...row, medianMs: Math.round(row.medianMs * 100) / 100, ratio: Math.round((row.medianMs / baseline) * 100) / 100 }));
    const phone = await firstPaintBench(ORIGIN);
    const longInbox = await longInboxBench(ORIGIN);
    const longThread = await longThreadBench(ORIGIN, LONG_THREAD_PARTICIPANT.displayName);
    return { ...phone, ...longInbox, ...longThread, size, lighthouse, latency };
  } finally {
    try {
      if (server.pid) process.kill(-server.pid, "SIGTERM");
    } catch {
      // Gone already: nothing to stop.
    }
  }
}
