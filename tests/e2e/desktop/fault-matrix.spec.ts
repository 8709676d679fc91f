import { expect, test } from "@playwright/test";
import { expectNewMessageOnce, inboxBanner, newestLoadedText, openLoadedThread, screenNeverWentBlank } from "../support/fault-screens";
import { fakeUpstream } from "../support/fake-upstream";
import { LINKUP_V2_FAULT_ROWS } from "../support/linkup-v2-faults";
import { hasNoHorizontalScroll, saveScreenshot } from "../support/screens";
import { movePollsOnUntil } from "../support/thread";

/**
 * The fault matrix (tests/e2e/FAULTS.md), one test per code the UI explains, at the desktop viewport
 * where both pollers run (the inbox beside the thread; a phone shows the same banner over the thread
 * alone): with the inbox and a thread on screen, the provider starts failing in one way for the
 * background polls. The page never goes
 * blank, what was loaded stays visible, the right words appear, and once the fault is lifted the
 * page recovers by itself, without a reload: the banner goes and a new message shows up once.
 * The page's clock is moved on for the polls (movePollsOnUntil): they come when the test needs
 * them, not after their real (backed-off) waits.
 */

/** One row of each code: rows that share a code share the screen (api/provider-faults.spec.ts proves every row's code). */
const BROWSER_ROWS = LINKUP_V2_FAULT_ROWS.flatMap(({ banner, ...row }) => (banner ? [{ ...row, banner }] : []));

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});
test.afterEach(async ({ request, context }) => {
  await context.setOffline(false);
  await fakeUpstream(request).clearFaults();
});

for (const row of BROWSER_ROWS) {
  test(`fault: ${row.name} — what is loaded stays on screen, the banner explains, and it recovers`, async ({ page, request }, testInfo) => {
    await page.clock.install();
    const upstream = fakeUpstream(request);
    const { threadId, thread, messages, loaded } = await openLoadedThread(page, await upstream.conversationIds());

    // Both pollers fail: the thread's and the inbox's beside it.
    await upstream.fail(row.fault("get_conversation"));
    await upstream.fail(row.fault("list_inbox"));

    const banner = thread.getByTestId("refresh-error");
    await movePollsOnUntil(page, async () => {
      await expect(banner).toContainText(row.banner, { timeout: 2_000 });
      await expect(inboxBanner(page)).toContainText(row.banner, { timeout: 2_000 });
    });
    await expect(banner).toContainText("Showing what was loaded.");
    await expect(messages.filter({ hasText: newestLoadedText })).toBeVisible();
    await expect(page.getByTestId("conversation-row").first()).toBeVisible();
    await expect.poll(() => hasNoHorizontalScroll(page)).toBe(true);
    await saveScreenshot(page, testInfo, `fault-${row.name.replace(/\W+/g, "-")}`);

    await upstream.clearFaults();
    await expectNewMessageOnce(page, thread, threadId, `Back after “${row.name}”: still on for Tuesday?`, request, { pageClock: "head" });
    await expect(banner).toHaveCount(0);
    await movePollsOnUntil(page, () => expect(inboxBanner(page)).toHaveCount(0, { timeout: 2_000 }));
    await expect(messages.filter({ hasText: newestLoadedText })).toBeVisible();
    await screenNeverWentBlank(page, loaded);
  });
}

test("fault: unknown extra fields — simply work, no banner", async ({ page, request }) => {
  await page.clock.install();
  const upstream = fakeUpstream(request);
  const { threadId, thread, loaded } = await openLoadedThread(page, await upstream.conversationIds());
  await upstream.fail({ kind: "extra-fields", times: 500 }); // every call of the test

  await expectNewMessageOnce(page, thread, threadId, "Sent through a provider that grew new fields", request, { pageClock: "head" });
  const stats = await upstream.stats();
  expect(stats.faults).toBeGreaterThan(0);
  await expect(page.getByTestId("refresh-error")).toHaveCount(0);
  await screenNeverWentBlank(page, loaded);
});
