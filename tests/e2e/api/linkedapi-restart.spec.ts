import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { LONG_THREAD_LENGTH, LONG_THREAD_NAME } from "../../fake-upstream/fixture-mailbox";
import { LENA_PROFILE_URL } from "../support/accounts";
import { ACCOUNTS, E2E, threadlineAccountsJson } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";

/**
 * Linked API's people live in the database, so a server restart — even in the middle of a sync —
 * loses nothing, and every browser sees the same list. This test runs its own app server (same
 * build, its own embedded database directory) so it can stop and start it.
 */
const baseURL = `http://127.0.0.1:${E2E.restartPort}`;
const newestText = `${LONG_THREAD_NAME} message ${LONG_THREAD_LENGTH} of ${LONG_THREAD_LENGTH}`;

function startServer(dataDir: string): ChildProcess {
  const server = spawn("node_modules/.bin/next", ["start", "-p", String(E2E.restartPort)], {
    detached: true,
    stdio: "ignore",
    env: {
      ...process.env,
      THREADLINE_ACCOUNTS: threadlineAccountsJson(),
      PGLITE_DATA_DIR: dataDir,
      UPSTREAM_TIMEOUT_MS: String(E2E.upstreamTimeoutMs),
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  return server;
}

async function waitUntilUp(): Promise<void> {
  await expect
    .poll(() => fetch(`${baseURL}/api/accounts`).then((r) => r.status, () => 0), { timeout: 60_000, intervals: [250] })
    .toBe(200);
}

/** Asks the server to stop; one that lingers (open keep-alive connections) is killed, as a platform would. */
async function stopServer(server: ChildProcess): Promise<void> {
  if (server.pid === undefined || server.exitCode !== null) return;
  const pid = server.pid;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  process.kill(-pid, "SIGTERM");
  const stopped = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 5_000))]);
  if (!stopped) {
    process.kill(-pid, "SIGKILL");
    await exited;
  }
  await expect.poll(() => fetch(`${baseURL}/api/accounts`).then(() => "up", () => "down"), { timeout: 10_000 }).toBe("down");
}

async function openInbox(browser: Browser) {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`/a/${ACCOUNTS.linkedApi}/inbox`);
  await expect(page.getByTestId("people-panel")).toBeVisible();
  return { context, page };
}

test("adding a person, a restart mid-sync, the sync finishing, another restart: nothing lost, same list everywhere", async ({ browser, request }) => {
  test.setTimeout(180_000);
  await fakeUpstream(request).reset();
  const dataDir = mkdtempSync(join(tmpdir(), "threadline-restart-"));
  let server = startServer(dataDir);
  try {
    await waitUntilUp();
    const phone = await openInbox(browser);
    await phone.page.getByLabel("LinkedIn profile URL").fill(LENA_PROFILE_URL);
    await phone.page.getByTestId("add-person").click();
    await expect(phone.page.getByTestId("pending-person").filter({ hasText: LONG_THREAD_NAME })).toHaveAttribute("data-state", "syncing");
    await phone.context.close();

    // The server goes away while Linked API is still synchronizing.
    await stopServer(server);
    server = startServer(dataDir);
    await waitUntilUp();

    // A different browser: the person is there, the sync resumes from its stored result link and ends.
    const laptop = await openInbox(browser);
    const row = laptop.page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME });
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await row.click();
    await expect(laptop.page.getByTestId("thread-view").getByTestId("message").filter({ hasText: newestText })).toBeVisible();
    await laptop.context.close();

    await stopServer(server);
    server = startServer(dataDir);
    await waitUntilUp();
    const again = await openInbox(browser);
    await expect(again.page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME })).toHaveCount(1);
    await expect(again.page.getByTestId("pending-person")).toHaveCount(0);
    await again.context.close();
  } finally {
    await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
