/**
 * The baseline for page weight, Lighthouse and the proxy: a bare Next page (a root layout and one
 * page, no CSS, no client code) and a bare route handler (a JSON body of the size asked), built and
 * served with the same Next and React as Threadline, in the same run. Its files are written under test-results/ so they are never part of the app or its lint.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";

const DIR = "test-results/bench/bare-next";

const LAYOUT = `export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`;

const PAGE = `export default function Page() {
  return (
    <main>
      <h1>A bare Next page</h1>
      <p>The baseline the bench measures Threadline against: same Next, same React, same machine, same run.</p>
    </main>
  );
}
`;

const JSON_BODY_ROUTE = `export function GET(request) {
  const bytes = Number(new URL(request.url).searchParams.get("bytes") ?? "0");
  return Response.json({ pad: "x".repeat(Math.max(0, Math.min(1_000_000, bytes - 10))) });
}
`;

export type BareNext = { origin: string; stop: () => void };

export async function startBareNext(port: number): Promise<BareNext> {
  mkdirSync(`${DIR}/app`, { recursive: true });
  writeFileSync(`${DIR}/app/layout.jsx`, LAYOUT);
  writeFileSync(`${DIR}/app/page.jsx`, PAGE);
  mkdirSync(`${DIR}/app/api/json-body`, { recursive: true });
  writeFileSync(`${DIR}/app/api/json-body/route.js`, JSON_BODY_ROUTE);
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const build = spawnSync("npx", ["next", "build", DIR], { env, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`the bare Next page did not build:\n${build.stdout}\n${build.stderr}`);
  const origin = `http://127.0.0.1:${port}`;
  if (await fetch(origin).then(() => true, () => false)) throw new Error(`port ${port} is in use: stop what runs there first`);
  const child: ChildProcess = spawn("npx", ["next", "start", DIR, "-p", String(port)], { env, stdio: "ignore", detached: true });
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // Gone already: nothing to stop.
    }
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await fetch(origin).then((r) => r.ok, () => false)) return { origin, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  stop();
  throw new Error("the bare Next page's server did not come up");
}
