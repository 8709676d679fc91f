import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import type { FaultInput } from "../fake-upstream/faults";
import { LONG_THREAD_NAME } from "../fake-upstream/fixture-mailbox";
import { clearPeople } from "./support/accounts";
import { messageBox, openLongThread, sendButton } from "./support/composer";
import { ACCOUNTS, E2E } from "./support/env";
import { fakeUpstream } from "./support/fake-upstream";
import { hasNoHorizontalScroll, saveScreenshot } from "./support/screens";
import { expectTouchTarget } from "./support/size";
import { isPhone, waitForInboxPolls } from "./support/thread";

/**
 * Replying from Threadline, on every provider, at the phone and the desktop viewport: a reply
 * shows at once, is sent once (the fake upstream counts the provider's send operation), shows
 * once whatever the polls bring, and survives a reload; written offline it waits and goes once
 * on reconnect; refused by the provider it says so, and Retry sends it once.
 */

type Provider = {
  id: string;
  name: string;
  /** The fake upstream's operation for this provider's send (a Linked API send is a workflow, then its status). */
  send: string;
  /** A definite refusal of a send, in the provider's own error shape: not sent, and Retry may send again. */
  refusal: FaultInput;
};

const PROVIDERS: Provider[] = [
  { id: ACCOUNTS.linkupV2, name: "Linkup v2", send: "send", refusal: { action: "send", status: 402, body: { success: false, error: { code: "INSUFFICIENT_CREDITS", message: "No credits left" } } } },
  { id: ACCOUNTS.linkupV1, name: "Linkup v1", send: "v1:send-message", refusal: { action: "v1:send-message", status: 401, body: { status: "error", message: "Invalid or expired login_token" } } },
  {
    id: ACCOUNTS.connectSafely,
    name: "ConnectSafely",
    send: "cs:send",
    refusal: { action: "cs:send", status: 403, body: { success: false, error: "Your trial has expired. Please subscribe to continue using this feature." } },
  },
  {
    id: ACCOUNTS.linkedApi,
    name: "Linked API",
    send: "la:workflows",
    refusal: { action: "la:workflows", status: 401, body: { status: "error", error: { errorType: "invalidAccountApiToken", message: "Invalid token" } } },
  },
];

/** Long enough for Linked API's send workflow and the next `since` poll after it. */
const SENT_TIMEOUT = 45_000;

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
  await clearPeople(request);
});

const unique = (label: string, page: Page) => `${label} from ${isPhone(page) ? "a phone" : "a desktop"} ${Date.now().toString(36)}`;

/** The messages showing these exact words (whichever side of the outbox they come from). */
const shownAs = (thread: Locator, text: string) => thread.getByTestId("message").filter({ hasText: text });

/** The thread's own message for a reply: the outbox no longer shows it (no send state). */
async function expectInThread(reply: Locator): Promise<void> {
  await expect(reply).toHaveCount(1);
  await expect(reply).not.toHaveAttribute("data-send-state", { timeout: SENT_TIMEOUT });
  await expect(reply.getByTestId("send-status")).toHaveCount(0);
}

/** How many times the fake's own copy of the thread holds these words: the provider's truth. */
async function timesInUpstream(request: APIRequestContext, fixtureId: string, text: string): Promise<number> {
  const response = await request.get(`${E2E.fakeUpstreamUrl}/__control/thread?id=${encodeURIComponent(fixtureId)}`);
  expect(response.status()).toBe(200);
  const { messages } = (await response.json()) as { messages: { text?: string }[] };
  return messages.filter((message) => message.text === text).length;
}

async function sendCalls(request: APIRequestContext, operation: string): Promise<number> {
  return (await fakeUpstream(request).stats()).calls[operation] ?? 0;
}

/**
 * Records, inside the page, the most messages ever shown at once with these words: "never twice"
 * holds for every moment in between, not only the ones an expect happened to look at.
 */
async function watchMostShown(page: Page, text: string): Promise<() => Promise<number>> {
  await page.evaluate((words) => {
    const count = () => [...document.querySelectorAll('[data-testid="message"]')].filter((el) => el.textContent?.includes(words)).length;
    const record = window as unknown as { __mostShown?: number };
    record.__mostShown = count();
    new MutationObserver(() => {
      record.__mostShown = Math.max(record.__mostShown ?? 0, count());
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, text);
  return () => page.evaluate(() => (window as unknown as { __mostShown?: number }).__mostShown ?? 0);
}

for (const provider of PROVIDERS) {
  test(`${provider.name}: a reply shows at once, is sent once, and shows once after polls and a reload`, async ({ page, request }) => {
    const { thread, fixtureId } = await openLongThread(page, request, provider.id);
    const text = unique(`${provider.name} reply`, page);
    const mostShown = await watchMostShown(page, text);

    await messageBox(page).fill(text);
    await sendButton(page).click();
    const reply = shownAs(thread, text);
    await expect(reply).toHaveCount(1);
    await expect(reply).toBeInViewport();
    await expect(messageBox(page)).toHaveValue("");

    await expectInThread(reply);
    await waitForInboxPolls(page, 2); // two more polls: still exactly once
    await expect(reply).toHaveCount(1);
    expect(await mostShown()).toBe(1);
    expect(await timesInUpstream(request, fixtureId, text)).toBe(1);
    expect(await sendCalls(request, provider.send)).toBe(1);
    expect(await hasNoHorizontalScroll(page)).toBe(true);

    // The conversation's preview is the reply, as the rep's (on a phone, the list is a screen of its own).
    const threadUrl = page.url();
    if (isPhone(page)) await page.getByTestId("thread-back").click();
    await expect(page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME })).toContainText(`You: ${text}`);
    if (isPhone(page)) await page.goto(threadUrl);

    await page.reload();
    await expectInThread(shownAs(page.getByTestId("thread-view"), text));
    await waitForInboxPolls(page, 1);
    await expect(shownAs(page.getByTestId("thread-view"), text)).toHaveCount(1);
    expect(await sendCalls(request, provider.send)).toBe(1);
  });

  test(`${provider.name}: a reply written offline waits, visibly, and is sent once on reconnect`, async ({ page, request, context }) => {
    const { thread, fixtureId } = await openLongThread(page, request, provider.id);
    const text = unique(`${provider.name} offline reply`, page);
    const mostShown = await watchMostShown(page, text);

    await context.setOffline(true);
    await expect(page.getByTestId("offline-banner")).toBeVisible();
    await messageBox(page).fill(text);
    await sendButton(page).click();
    const reply = shownAs(thread, text);
    await expect(reply).toHaveAttribute("data-send-state", "queued");
    await expect(reply.getByTestId("send-status")).toHaveText("Waiting for connection");
    expect(await sendCalls(request, provider.send)).toBe(0);

    await context.setOffline(false);
    await expectInThread(reply);
    await waitForInboxPolls(page, 1);
    await expect(reply).toHaveCount(1);
    expect(await mostShown()).toBe(1);
    expect(await sendCalls(request, provider.send)).toBe(1);
    expect(await timesInUpstream(request, fixtureId, text)).toBe(1);
  });

  test(`${provider.name}: a reply the provider refuses says "Not sent" and why; Retry sends it once`, async ({ page, request }) => {
    const upstream = fakeUpstream(request);
    const { thread, fixtureId } = await openLongThread(page, request, provider.id);
    const text = unique(`${provider.name} refused reply`, page);

    await upstream.fail({ ...provider.refusal, times: 3 });
    await messageBox(page).fill(text);
    await sendButton(page).click();
    const reply = shownAs(thread, text);
    await expect(reply).toHaveAttribute("data-send-state", "not-sent", { timeout: 20_000 });
    await expect(reply.getByTestId("send-status")).toHaveText("Not sent");
    await expect(reply.getByTestId("send-problem")).not.toBeEmpty();
    const retry = reply.getByRole("button", { name: "Retry" });
    await expectTouchTarget(retry);
    await expectTouchTarget(reply.getByRole("button", { name: "Delete" }));
    expect(await timesInUpstream(request, fixtureId, text)).toBe(0);

    await upstream.clearFaults();
    const before = await sendCalls(request, provider.send);
    await retry.click();
    await expectInThread(reply);
    await waitForInboxPolls(page, 1);
    await expect(reply).toHaveCount(1);
    expect((await sendCalls(request, provider.send)) - before).toBe(1);
    expect(await timesInUpstream(request, fixtureId, text)).toBe(1);
  });
}

test("a send whose answer never came is \"Not confirmed yet\", never sent again, and shows once when the thread has it", async ({ page, request }) => {
  const { thread, fixtureId } = await openLongThread(page, request, ACCOUNTS.linkupV2);
  const text = unique("A reply the provider took its time with", page);
  const mostShown = await watchMostShown(page, text);
  // Longer than the server waits for one attempt: it cannot tell whether Linkup has it (it will, late).
  await fakeUpstream(request).fail({ kind: "delay", action: "send", delayMs: E2E.upstreamTimeoutMs + 2_000 });
  await messageBox(page).fill(text);
  await sendButton(page).click();
  const reply = shownAs(thread, text);
  await expect(reply).toHaveAttribute("data-send-state", "unconfirmed", { timeout: 20_000 });
  await expect(reply.getByTestId("send-status")).toHaveText("Not confirmed yet");
  await expectInThread(reply);
  await waitForInboxPolls(page, 2);
  await expect(reply).toHaveCount(1);
  expect(await mostShown()).toBe(1);
  expect(await sendCalls(request, "send")).toBe(1);
  expect(await timesInUpstream(request, fixtureId, text)).toBe(1);
});

test("Delete forgets a reply that was not sent and puts its words back in the empty composer", async ({ page, request }) => {
  const { thread, fixtureId } = await openLongThread(page, request, ACCOUNTS.linkupV2);
  const text = unique("A reply I take back", page);
  await fakeUpstream(request).fail({ action: "send", status: 402, body: { success: false, error: { code: "INSUFFICIENT_CREDITS", message: "No credits left" } }, times: 3 });
  await messageBox(page).fill(text);
  await sendButton(page).click();
  const reply = shownAs(thread, text);
  await expect(reply).toHaveAttribute("data-send-state", "not-sent", { timeout: 20_000 });
  await reply.getByRole("button", { name: "Delete" }).click();
  await expect(reply).toHaveCount(0);
  await expect(messageBox(page)).toHaveValue(text);
  expect(await timesInUpstream(request, fixtureId, text)).toBe(0);
});

test("Enter sends on a desktop and Shift+Enter breaks the line; on a phone Enter breaks the line", async ({ page, request }) => {
  const { thread } = await openLongThread(page, request, ACCOUNTS.linkupV2);
  const box = messageBox(page);
  const first = unique("First line", page);
  await box.click();
  await box.pressSequentially(first);
  await box.press("Shift+Enter");
  await box.pressSequentially("second line");
  await expect(box).toHaveValue(`${first}\nsecond line`);
  await box.press("Enter");
  if (isPhone(page)) {
    await expect(box).toHaveValue(`${first}\nsecond line\n`);
    await expect(shownAs(thread, first)).toHaveCount(0);
    await sendButton(page).click();
  }
  await expect(box).toHaveValue("");
  const reply = shownAs(thread, first);
  await expect(reply).toHaveCount(1);
  await expect(reply).toContainText("second line");
  await expectInThread(reply);
  // The focus stays in the box, ready for the next message (and a phone's keyboard stays up).
  await expect(box).toBeFocused();
});

test("the draft survives going to another conversation and back, and a reload", async ({ page, request }) => {
  await openLongThread(page, request, ACCOUNTS.linkupV2);
  const threadUrl = page.url();
  const draft = unique("Half-written thought", page);
  await messageBox(page).fill(draft);

  const [, otherId] = await fakeUpstream(request).conversationIds();
  await page.goto(`/a/${ACCOUNTS.linkupV2}/inbox/c/${encodeURIComponent(otherId!)}`);
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  await expect(messageBox(page)).toHaveValue("");

  await page.goBack();
  await expect(page).toHaveURL(threadUrl);
  await expect(messageBox(page)).toHaveValue(draft);
  await page.reload();
  await expect(messageBox(page)).toHaveValue(draft);
});

test("screenshots: the composer empty, typing, sending, and a reply not sent", async ({ page, request }, testInfo) => {
  const upstream = fakeUpstream(request);
  const { thread } = await openLongThread(page, request, ACCOUNTS.linkupV2);
  await expectTouchTarget(sendButton(page), 44, "both");
  await saveScreenshot(page, testInfo, "composer-empty");

  const text = "Thanks Lena, Tuesday at 10 works. I'll send the order form tonight.";
  await messageBox(page).fill(text);
  await saveScreenshot(page, testInfo, "composer-typing");

  // Slower than usual (within the per-attempt timeout), so "Sending…" is on screen long enough to see.
  await upstream.fail({ kind: "delay", action: "send", delayMs: 1_500 });
  await sendButton(page).click();
  const reply = shownAs(thread, text);
  await expect(reply).toHaveAttribute("data-send-state", "sending");
  await expect(reply.getByTestId("send-status")).toHaveText("Sending…");
  await saveScreenshot(page, testInfo, "reply-sending");
  await expectInThread(reply);

  await upstream.fail({ action: "send", status: 402, body: { success: false, error: { code: "INSUFFICIENT_CREDITS", message: "No credits left" } }, times: 3 });
  const refused = "Also, could you loop in your procurement lead?";
  await messageBox(page).fill(refused);
  await sendButton(page).click();
  await expect(shownAs(thread, refused)).toHaveAttribute("data-send-state", "not-sent", { timeout: 20_000 });
  await expect(shownAs(thread, refused)).toBeInViewport();
  expect(await hasNoHorizontalScroll(page)).toBe(true);
  await saveScreenshot(page, testInfo, "reply-not-sent");
});
