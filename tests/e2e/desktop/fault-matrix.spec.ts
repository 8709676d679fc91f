import { expect, test } from "@playwright/test";
import type { FaultInput } from "../../fake-upstream/faults";
import { E2E } from "../support/env";
import { expectNewMessageOnce, inboxBanner, newestLoadedText, openLoadedThread, screenNeverWentBlank } from "../support/fault-screens";
import { fakeUpstream } from "../support/fake-upstream";
import { hasNoHorizontalScroll, saveScreenshot } from "../support/screens";

/**
 * The fault matrix (tests/e2e/FAULTS.md), one test per row, at the desktop viewport where both
 * pollers run (the inbox beside the thread; a phone shows the same banner over the thread alone): with the inbox and a thread on
 * screen, the provider starts failing in one way for the background polls. The page never goes
 * blank, what was loaded stays visible, the right words appear, and once the fault is lifted the
 * page recovers by itself, without a reload: the banner goes and a new message shows up once.
 */

type Action = "get_conversation" | "list_inbox";
type FaultRow = {
  /** The row's name in FAULTS.md. */
  name: string;
  /** The fault for one provider action (the thread poller asks get_conversation, the inbox head poller list_inbox). */
  fault: (action: Action) => FaultInput;
  /** What the stale banner says: the title, then what the rep can do. */
  banner: RegExp;
};

const linkupError = (code: string, message: string) => ({ success: false, error: { code, message } });
/** Enough to outlast the server's own retries (3 attempts per request) over several polls. */
const TIMES = 500;

const FAULT_ROWS: FaultRow[] = [
  {
    name: "401 key rejected",
    fault: (action) => ({ action, status: 401, body: { message: "Unauthorized" }, times: TIMES }),
    banner: /LinkedIn connection lost\. Reconnect the account, then retry\./,
  },
  {
    name: "403 INVALID_API_KEY",
    fault: (action) => ({ action, status: 403, body: linkupError("INVALID_API_KEY", "Invalid API key"), times: TIMES }),
    banner: /LinkedIn connection lost\. Reconnect the account, then retry\./,
  },
  {
    name: "402 INSUFFICIENT_CREDITS",
    fault: (action) => ({ action, status: 402, body: linkupError("INSUFFICIENT_CREDITS", "No credits left"), times: TIMES }),
    banner: /Out of credits\. Top up the provider account to continue\./,
  },
  {
    name: "429 with Retry-After",
    fault: (action) => ({ action, status: 429, body: linkupError("RATE_LIMITED", "Too many requests"), headers: { "retry-after": "9" }, times: TIMES }),
    banner: /Rate limited\. Try again in 9 s\./,
  },
  {
    name: "429 without Retry-After",
    fault: (action) => ({ action, status: 429, body: linkupError("RATE_LIMITED", "Too many requests"), times: TIMES }),
    banner: /Rate limited\. Try again (in \d+ s|shortly)\./,
  },
  {
    name: "500",
    fault: (action) => ({ action, status: 500, body: linkupError("INTERNAL_ERROR", "Internal error"), times: TIMES }),
    banner: /LinkedIn is unavailable\. Try again in a moment\./,
  },
  {
    name: "502",
    fault: (action) => ({ action, status: 502, body: "<html><body>Bad gateway</body></html>", times: TIMES }),
    banner: /LinkedIn is unavailable\. Try again in a moment\./,
  },
  {
    name: "503",
    fault: (action) => ({ action, status: 503, body: "Service Unavailable", times: TIMES }),
    banner: /LinkedIn is unavailable\. Try again in a moment\./,
  },
  {
    name: "timeout",
    // Longer than the server's per-attempt timeout: every attempt times out.
    fault: (action) => ({ action, kind: "delay", delayMs: E2E.upstreamTimeoutMs + 3_000, times: TIMES }),
    banner: /LinkedIn is slow to respond\. Try again in a moment\./,
  },
  {
    name: "connection reset",
    fault: (action) => ({ action, kind: "reset", times: TIMES }),
    banner: /LinkedIn is unavailable\. Try again in a moment\./,
  },
  {
    name: "truncated JSON",
    fault: (action) => ({ action, kind: "truncate", times: TIMES }),
    banner: /Unreadable answer from LinkedIn\. Try again later\./,
  },
  {
    name: "missing required field",
    fault: (action) => ({
      action,
      kind: "drop-field",
      path: action === "get_conversation" ? "data.messages.*.timestamp" : "data.conversations.*.participant",
      times: TIMES,
    }),
    banner: /Unreadable answer from LinkedIn\. Try again later\./,
  },
];

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});
test.afterEach(async ({ request, context }) => {
  await context.setOffline(false);
  await fakeUpstream(request).clearFaults();
});

test.afterEach(async ({ request }) => {
  await fakeUpstream(request).clearFaults();
});

for (const row of FAULT_ROWS) {
  test(`fault: ${row.name} — what is loaded stays on screen, the banner explains, and it recovers`, async ({ page, request }, testInfo) => {
    const upstream = fakeUpstream(request);
    const { threadId, thread, messages, loaded } = await openLoadedThread(page, await upstream.conversationIds());

    // Both pollers fail: the thread's and the inbox's beside it.
    await upstream.fail(row.fault("get_conversation"));
    await upstream.fail(row.fault("list_inbox"));

    const banner = thread.getByTestId("refresh-error");
    await expect(banner).toBeVisible({ timeout: 25_000 });
    await expect(banner).toContainText(row.banner);
    await expect(banner).toContainText("Showing what was loaded.");
    await expect(messages.filter({ hasText: newestLoadedText })).toBeVisible();
    await expect(inboxBanner(page)).toContainText(row.banner, { timeout: 25_000 });
    await expect(page.getByTestId("conversation-row").first()).toBeVisible();
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await saveScreenshot(page, testInfo, `fault-${row.name.replace(/\W+/g, "-")}`);

    await upstream.clearFaults();
    await expectNewMessageOnce(page, thread, threadId, `Back after “${row.name}”: still on for Tuesday?`, request);
    await expect(banner).toHaveCount(0);
    await expect(inboxBanner(page)).toHaveCount(0, { timeout: 25_000 });
    await expect(messages.filter({ hasText: newestLoadedText })).toBeVisible();
    await screenNeverWentBlank(page, loaded);
  });
}

test("fault: unknown extra fields — simply work, no banner", async ({ page, request }) => {
  const upstream = fakeUpstream(request);
  const { threadId, thread, loaded } = await openLoadedThread(page, await upstream.conversationIds());
  await upstream.fail({ kind: "extra-fields", times: TIMES });

  await expectNewMessageOnce(page, thread, threadId, "Sent through a provider that grew new fields", request);
  const stats = await upstream.stats();
  expect(stats.faults).toBeGreaterThan(0);
  await expect(page.getByTestId("refresh-error")).toHaveCount(0);
  await screenNeverWentBlank(page, loaded);
});
