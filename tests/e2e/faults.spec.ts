import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import type { FaultInput } from "../fake-upstream/faults";
import { LONG_THREAD_LENGTH, LONG_THREAD_NAME } from "../fake-upstream/fixture-mailbox";
import { E2E } from "./support/env";
import { fakeUpstream } from "./support/fake-upstream";
import { hasNoHorizontalScroll, saveScreenshot } from "./support/screens";
import { isPhone } from "./support/thread";

/**
 * The fault matrix (tests/e2e/FAULTS.md), one test per row: with the inbox and a thread on
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

const newestLoadedText = `${LONG_THREAD_NAME} message ${LONG_THREAD_LENGTH} of ${LONG_THREAD_LENGTH}`;

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});
test.afterEach(async ({ request, context }) => {
  await context.setOffline(false);
  await fakeUpstream(request).clearFaults();
});

/** Inbox, then the long thread, both on screen; returns the thread's id and locators. */
async function openLoadedThread(page: Page, conversationIds: string[]) {
  await page.goto("/a/linkup/inbox");
  const rows = page.getByTestId("conversation-row");
  await expect(rows.first()).toContainText(LONG_THREAD_NAME);
  await rows.filter({ hasText: LONG_THREAD_NAME }).click();
  const thread = page.getByTestId("thread-view");
  const messages = thread.getByTestId("message");
  await expect(messages.filter({ hasText: newestLoadedText })).toBeVisible();
  const loaded = await messages.count();
  expect(loaded).toBeGreaterThanOrEqual(10);
  await watchForBlankOrErrorScreens(page);
  return { threadId: conversationIds[0]!, thread, messages, loaded };
}

/**
 * Records, from inside the page, the fewest thread messages ever rendered and whether a
 * full-area error ever replaced them, so a blank flash between two assertions is caught too.
 */
async function watchForBlankOrErrorScreens(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as Window & { __fewestMessages?: number; __sawErrorState?: boolean };
    const count = () => document.querySelectorAll('[data-testid="thread-view"] [data-testid="message"]').length;
    const check = () => {
      w.__fewestMessages = Math.min(w.__fewestMessages ?? Infinity, count());
      if (document.querySelector('[data-testid="error-state"]')) w.__sawErrorState = true;
    };
    check();
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true });
  });
}

async function screenNeverWentBlank(page: Page, loaded: number): Promise<void> {
  const seen = await page.evaluate(() => {
    const w = window as Window & { __fewestMessages?: number; __sawErrorState?: boolean };
    return { fewest: w.__fewestMessages ?? 0, sawErrorState: w.__sawErrorState === true };
  });
  expect(seen.fewest).toBeGreaterThanOrEqual(loaded);
  expect(seen.sawErrorState).toBe(false);
}

function inboxBanner(page: Page): Locator {
  return page.getByRole("region", { name: "Inbox conversations", exact: true }).getByTestId("refresh-error");
}

/** A new message arrives upstream; it must appear exactly once, and still once after the next poll. */
async function expectNewMessageOnce(page: Page, thread: Locator, threadId: string, text: string, request: APIRequestContext) {
  await fakeUpstream(request).addMessage(threadId, text);
  const fresh = thread.getByTestId("message").filter({ hasText: text });
  await expect(fresh).toHaveCount(1, { timeout: 25_000 });
  await page.waitForResponse((r) => r.url().includes("since=") && r.ok(), { timeout: 15_000 });
  await expect(fresh).toHaveCount(1);
}

for (const row of FAULT_ROWS) {
  test(`fault: ${row.name} — what is loaded stays on screen, the banner explains, and it recovers`, async ({ page, request }, testInfo) => {
    const upstream = fakeUpstream(request);
    const { threadId, thread, messages, loaded } = await openLoadedThread(page, await upstream.conversationIds());

    await upstream.fail(row.fault("get_conversation"));
    // The inbox is on screen beside the thread on a desktop (on a phone it is hidden and does not poll).
    if (!isPhone(page)) await upstream.fail(row.fault("list_inbox"));

    const banner = thread.getByTestId("refresh-error");
    await expect(banner).toBeVisible({ timeout: 25_000 });
    await expect(banner).toContainText(row.banner);
    await expect(banner).toContainText("Showing what was loaded.");
    await expect(messages.filter({ hasText: newestLoadedText })).toBeVisible();
    if (!isPhone(page)) {
      await expect(inboxBanner(page)).toContainText(row.banner, { timeout: 25_000 });
      await expect(page.getByTestId("conversation-row").first()).toBeVisible();
    }
    expect(await hasNoHorizontalScroll(page)).toBe(true);
    await saveScreenshot(page, testInfo, `fault-${row.name.replace(/\W+/g, "-")}`);

    await upstream.clearFaults();
    await expectNewMessageOnce(page, thread, threadId, `Back after “${row.name}”: still on for Tuesday?`, request);
    await expect(banner).toHaveCount(0);
    if (!isPhone(page)) await expect(inboxBanner(page)).toHaveCount(0, { timeout: 25_000 });
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

test("fault: offline browser — a quiet banner, nothing fetched, one catch-up on reconnect", async ({ page, context, request }, testInfo) => {
  // The page's clock runs as usual, but the test can move it on: "two poll intervals go by" is
  // then a fact of the page's own timers, not a sleep that may or may not cover them.
  await page.clock.install();
  const upstream = fakeUpstream(request);
  const { threadId, thread, messages, loaded } = await openLoadedThread(page, await upstream.conversationIds());
  // The thread poller's question before the tunnel: "since" the newest message on screen.
  const pollBefore = await page.waitForResponse((r) => r.url().includes("/messages?since=") && r.ok(), { timeout: 15_000 });
  const sinceBefore = new URL(pollBefore.url()).searchParams.get("since");
  await context.setOffline(true);
  // Counted from here: a poll cut off by going offline is paused, and its retry is the catch-up.
  const apiRequests: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/")) apiRequests.push(r.url());
  });
  const offline = page.getByTestId("offline-banner");
  await expect(offline).toBeVisible();
  await expect(offline).toHaveAttribute("role", "status");
  await expect(offline).toContainText("You're offline");
  await saveScreenshot(page, testInfo, "offline");
  // Two poll intervals go by: nothing is fetched, everything loaded stays readable.
  await upstream.addMessage(threadId, "Written while you were in the tunnel");
  await page.clock.runFor(9_000);
  await page.evaluate(() => 0); // every request the timers started has been reported by now
  expect(apiRequests).toEqual([]);
  await expect(messages.filter({ hasText: newestLoadedText })).toBeVisible();
  await expect(page.getByTestId("refresh-error")).toHaveCount(0);

  await context.setOffline(false);
  await expect(offline).toHaveCount(0);
  const fresh = thread.getByTestId("message").filter({ hasText: "Written while you were in the tunnel" });
  await expect(fresh).toHaveCount(1, { timeout: 5_000 });
  // One catch-up, not a burst: one since poll from where the thread stood, one inbox head poll
  // where the inbox is on screen, and no history page again. A burst (a retry, a second catch-up)
  // comes within 1.5 s of page time; the next regular poll comes 4 s after the catch-up, and asks
  // from the new message on, so it is not counted as a catch-up.
  await page.clock.runFor(1_500);
  await page.evaluate(() => 0);
  const sincePolls = apiRequests.filter((u) => new URL(u).searchParams.get("since") === sinceBefore);
  const historyPages = apiRequests.filter((u) => u.includes("/messages?") && !u.includes("since="));
  const inboxCalls = apiRequests.filter((u) => u.includes("/conversations?"));
  expect(sincePolls).toHaveLength(1);
  expect(historyPages).toHaveLength(0);
  expect(inboxCalls).toHaveLength(isPhone(page) ? 0 : 1);
  await expect(fresh).toHaveCount(1);
  await screenNeverWentBlank(page, loaded);
});

test("a thread whose first load fails shows the error with Retry, and Retry loads it without a reload", async ({ page, request }, testInfo) => {
  const upstream = fakeUpstream(request);
  await page.goto("/a/linkup/inbox");
  const rows = page.getByTestId("conversation-row");
  await expect(rows.first()).toContainText(LONG_THREAD_NAME);
  await upstream.fail({ action: "get_conversation", status: 403, body: linkupError("INVALID_API_KEY", "Invalid API key"), times: TIMES });
  await rows.filter({ hasText: LONG_THREAD_NAME }).click();

  const error = page.getByTestId("thread-view").getByTestId("error-state");
  await expect(error).toBeVisible({ timeout: 25_000 });
  await expect(error).toContainText("LinkedIn connection lost");
  await expect(error).toContainText("Reconnect the account, then retry.");
  if (!isPhone(page)) await expect(rows.first()).toBeVisible();
  await saveScreenshot(page, testInfo, "first-load-error");

  await upstream.clearFaults();
  await error.getByTestId("retry-button").click();
  await expect(page.getByTestId("thread-view").getByTestId("message").filter({ hasText: newestLoadedText })).toBeVisible();
  await expect(error).toHaveCount(0);
});
