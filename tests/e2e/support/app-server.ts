import { spawn, type ChildProcess } from "node:child_process";
import { expect } from "@playwright/test";
import { appServerEnv } from "./env";

/**
 * An app server of a test's own (the same build as the main one, its own embedded database), for
 * tests that stop and start it, or that need tighter limits than the rest of the run.
 */
export function startAppServer(options: Parameters<typeof appServerEnv>[0]): { server: ChildProcess; url: string } {
  const server = spawn("node_modules/.bin/next", ["start", "-p", String(options.port)], {
    detached: true,
    stdio: "ignore",
    env: { ...process.env, ...appServerEnv(options) },
  });
  return { server, url: `http://127.0.0.1:${options.port}` };
}

export async function waitUntilUp(url: string): Promise<void> {
  await expect.poll(() => fetch(`${url}/sign-in`).then((r) => r.status, () => 0), { timeout: 60_000, intervals: [250] }).toBe(200);
}

/** Asks the server to stop; one that lingers (open keep-alive connections) is killed, as a platform would. */
export async function stopAppServer(server: ChildProcess, url: string): Promise<void> {
  if (server.pid === undefined || server.exitCode !== null) return;
  const pid = server.pid;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  process.kill(-pid, "SIGTERM");
  const stopped = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 5_000))]);
  if (!stopped) {
    process.kill(-pid, "SIGKILL");
    await exited;
  }
  await expect.poll(() => fetch(`${url}/sign-in`).then(() => "up", () => "down"), { timeout: 10_000 }).toBe("down");
}
