/**
 * A throwaway PostgreSQL server for tests: the real thing, from Debian's `postgresql` package
 * (.ci/run installs it when missing). Or pass TEST_DATABASE_URL to use a server you already run.
 * Started once per test run, in a temp dir, on a free port, with trust auth and fsync off.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export type RunningPostgres = { url: string; stop: () => Promise<void> };

export async function startPostgres(): Promise<RunningPostgres> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) return { url: given, stop: async () => undefined };

  const bin = findPostgresBin();
  const dir = mkdtempSync(path.join(tmpdir(), "threadline-pg-"));
  const asRoot = process.getuid?.() === 0;
  // Postgres refuses to run as root; Debian's package creates the `postgres` user for it.
  if (asRoot) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-g", "postgres"]).toString()));
  const run = (command: string, args: string[]) => (asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args]) as [string, string[]];

  const dataDir = path.join(dir, "data");
  execFileSync(...run(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]), { stdio: "ignore" });
  const port = await freePort();
  const server: ChildProcess = spawn(
    ...run(path.join(bin, "postgres"), ["-D", dataDir, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]),
    { stdio: "ignore" },
  );
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  await waitUntilAccepting(url, server);
  return {
    url,
    async stop() {
      // runuser does not pass signals on to postgres, so ask postgres itself to stop.
      const exited = server.exitCode !== null ? Promise.resolve() : new Promise((resolve) => server.once("exit", resolve));
      execFileSync(...run(path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]), { stdio: "ignore" });
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh, empty database on that server, so each test file starts from nothing. */
export async function createScratchDatabase(serverUrl: string): Promise<string> {
  const name = `threadline_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function findPostgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => path.join(root, version, "bin")).find((bin) => existsSync(path.join(bin, "postgres")));
  if (!found) {
    throw new Error(
      "PostgreSQL is needed for the store tests: `apt-get install -y postgresql` (what .ci/run does), or set TEST_DATABASE_URL to a server you run.",
    );
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitUntilAccepting(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited with code ${server.exitCode} before accepting connections`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}
