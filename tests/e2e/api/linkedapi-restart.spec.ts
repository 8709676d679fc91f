import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { LONG_THREAD_LENGTH, LONG_THREAD_NAME } from "../../fake-upstream/fixture-mailbox";
import { LENA_PROFILE_URL } from "../support/accounts";
import { startAppServer, stopAppServer, waitUntilUp } from "../support/app-server";
import { ACCOUNTS, E2E } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";
import { signInByApi } from "../support/sign-in";

/**
 * Linked API's people live in the database, so a server restart — even in the middle of a sync —
 * loses nothing, and every browser sees the same list. This test runs its own app server (same
 * build, its own embedded database directory) so it can stop and start it.
 */
const baseURL = `http://127.0.0.1:${E2E.restartPort}`;
const newestText = `${LONG_THREAD_NAME} message ${LONG_THREAD_LENGTH} of ${LONG_THREAD_LENGTH}`;

function startServer(dataDir: string) {
  return startAppServer({ port: E2E.restartPort, dataDir }).server;
}

/** A new browser, signed in as the admin (this server has a database of its own). */
async function openInbox(browser: Browser) {
  const context = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, storageState: undefined });
  await signInByApi(context.request, E2E.admin);
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
    await waitUntilUp(baseURL);
    const phone = await openInbox(browser);
    await phone.page.getByLabel("LinkedIn profile URL").fill(LENA_PROFILE_URL);
    await phone.page.getByTestId("add-person").click();
    await expect(phone.page.getByTestId("pending-person").filter({ hasText: LONG_THREAD_NAME })).toHaveAttribute("data-state", "syncing");
    await phone.context.close();

    // The server goes away while Linked API is still synchronizing.
    await stopAppServer(server, baseURL);
    server = startServer(dataDir);
    await waitUntilUp(baseURL);

    // A different browser: the person is there, the sync resumes from its stored result link and ends.
    const laptop = await openInbox(browser);
    const row = laptop.page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME });
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await row.click();
    await expect(laptop.page.getByTestId("thread-view").getByTestId("message").filter({ hasText: newestText })).toBeVisible();
    await laptop.context.close();

    await stopAppServer(server, baseURL);
    server = startServer(dataDir);
    await waitUntilUp(baseURL);
    const again = await openInbox(browser);
    await expect(again.page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME })).toHaveCount(1);
    await expect(again.page.getByTestId("pending-person")).toHaveCount(0);
    await again.context.close();
  } finally {
    await stopAppServer(server, baseURL);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
