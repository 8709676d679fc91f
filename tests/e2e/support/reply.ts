import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import type { FaultInput } from "../../fake-upstream/faults";
import { LONG_THREAD_NAME } from "../../fake-upstream/fixture-mailbox";
import { messageBox, openLongThread, sendButton } from "./composer";
import { ACCOUNTS, E2E } from "./env";
import { fakeUpstream } from "./fake-upstream";
import { hasNoHorizontalScroll } from "./screens";
import { isPhone, waitForInboxPolls } from "./thread";

// What the reply tests share (reply.spec.ts at both sizes, phone/reply-providers.spec.ts and
// phone/reply-failures.spec.ts).

type Provider = {
  id: string;
  name: string;
  /** The fake upstream's operation for this provider's send (a Linked API send is a workflow, then its status). */
  send: string;
  /** A definite refusal of a send, in the provider's own error shape: not sent, and Retry may send again. */
  refusal: FaultInput;
};

/** Linkup v2 first: the provider the reply tests run at both sizes. */
export const PROVIDERS: [Provider, ...Provider[]] = [
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

export const unique = (label: string, page: Page) => `${label} from ${isPhone(page) ? "a phone" : "a desktop"} ${Date.now().toString(36)}`;

/** The messages showing these exact words (whichever side of the outbox they come from). */
export const shownAs = (thread: Locator, text: string) => thread.getByTestId("message").filter({ hasText: text });

/** The thread's own message for a reply: the outbox no longer shows it (no send state). */
export async function expectInThread(reply: Locator): Promise<void> {
  await expect(reply).toHaveCount(1);
  await expect(reply).not.toHaveAttribute("data-send-state", { timeout: SENT_TIMEOUT });
  await expect(reply.getByTestId("send-status")).toHaveCount(0);
}

/** How many times the fake's own copy of the thread holds these words: the provider's truth. */
export async function timesInUpstream(request: APIRequestContext, fixtureId: string, text: string): Promise<number> {
  const response = await request.get(`${E2E.fakeUpstreamUrl}/__control/thread?id=${encodeURIComponent(fixtureId)}`);
  expect(response.status()).toBe(200);
  const { messages } = (await response.json()) as { messages: { text?: string }[] };
  return messages.filter((message) => message.text === text).length;
}

/** Which of these texts the provider holds, in the order it got them. */
export async function arrivalOrderUpstream(request: APIRequestContext, fixtureId: string, texts: readonly string[]): Promise<string[]> {
  const response = await request.get(`${E2E.fakeUpstreamUrl}/__control/thread?id=${encodeURIComponent(fixtureId)}`);
  expect(response.status()).toBe(200);
  const { messages } = (await response.json()) as { messages: { text?: string }[] };
  return messages.flatMap((message) => (message.text !== undefined && texts.includes(message.text) ? [message.text] : []));
}

export async function sendCalls(request: APIRequestContext, operation: string): Promise<number> {
  return (await fakeUpstream(request).stats()).calls[operation] ?? 0;
}

/**
 * Records, inside the page, the most messages ever shown at once with these words: "never twice"
 * holds for every moment in between, not only the ones an expect happened to look at.
 */
export async function watchMostShown(page: Page, text: string): Promise<() => Promise<number>> {
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

/**
 * A reply on this provider shows at once, is sent once (the fake upstream counts the provider's send
 * operation), shows once whatever the polls bring, becomes the conversation's preview, and
 * survives a reload.
 */
export async function expectReplySentOnce(page: Page, request: APIRequestContext, provider: Provider): Promise<void> {
  // The polls after the send come when the test moves the page's clock on (waitForInboxPolls): the
  // head's step, longer than a pushed account's wait too, 90 s in all, short of any safety check.
  await page.clock.install();
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
  await waitForInboxPolls(page, 2, { pageClock: "head" }); // two more polls: still exactly once
  await expect(reply).toHaveCount(1);
  expect(await mostShown()).toBe(1);
  expect(await timesInUpstream(request, fixtureId, text)).toBe(1);
  expect(await sendCalls(request, provider.send)).toBe(1);
  await expect.poll(() => hasNoHorizontalScroll(page)).toBe(true);

  // The conversation's preview is the reply, as the rep's (on a phone, the list is a screen of its own).
  const threadUrl = page.url();
  if (isPhone(page)) await page.getByTestId("thread-back").click();
  await expect(page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME })).toContainText(`You: ${text}`);
  if (isPhone(page)) await page.goto(threadUrl);

  await page.reload();
  await expectInThread(shownAs(page.getByTestId("thread-view"), text));
  await waitForInboxPolls(page, 1, { pageClock: "head" });
  await expect(shownAs(page.getByTestId("thread-view"), text)).toHaveCount(1);
  expect(await sendCalls(request, provider.send)).toBe(1);
}
