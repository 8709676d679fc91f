import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { LONG_THREAD_LENGTH, LONG_THREAD_NAME } from "../../fake-upstream/fixture-mailbox";
import type { DeliverInput } from "../../fake-upstream/webhooks";
import { addPersonAndWait, clearPeople, LENA_PROFILE_URL } from "../support/accounts";
import { ACCOUNTS, E2E } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";
import { waitForInboxPolls } from "../support/thread";

/**
 * Issue 13, push in the browser (desktop: the inbox beside the thread): for an account with a
 * webhook registered, the page asks our own database what the webhooks announced, and the provider
 * only about that. Nothing is read from the provider while nothing is announced; a delivered
 * message shows in the open thread and its inbox row once; a forged delivery shows nothing and
 * costs nothing. The page's clock is moved on for the questions the tests count (waitForInboxPolls),
 * 12 s of it each (84 s in a test at most): never as far as the provider safety checks, 5 minutes apart.
 */

const PAGE_CLOCK = { pageClock: "changes" } as const;
const newestText = `${LONG_THREAD_NAME} message ${LONG_THREAD_LENGTH} of ${LONG_THREAD_LENGTH}`;

type PushedAccount = {
  name: string;
  id: string;
  /** The fake upstream's operations for this provider start with this. */
  operations: string;
  setUp(request: APIRequestContext): Promise<void>;
  delivery(fixtureId: string, text: string): DeliverInput;
};

const PUSHED: PushedAccount[] = [
  {
    name: "ConnectSafely",
    id: ACCOUNTS.connectSafely,
    operations: "cs:",
    setUp: async () => undefined,
    delivery: (fixtureId, text) => ({ provider: "connectsafely", appUrl: E2E.appUrl, accountId: ACCOUNTS.connectSafely, secret: E2E.connectSafelyWebhookSecret, conversationId: fixtureId, text }),
  },
  {
    name: "Linked API",
    id: ACCOUNTS.linkedApi,
    operations: "la:",
    setUp: async (request) => {
      await addPersonAndWait(request, LENA_PROFILE_URL);
    },
    delivery: (_fixtureId, text) => ({ provider: "linkedapi", appUrl: E2E.appUrl, accountId: ACCOUNTS.linkedApi, secret: E2E.linkedApiWebhookSecret, personUrl: LENA_PROFILE_URL, text }),
  },
];

async function providerCalls(request: APIRequestContext, prefix: string): Promise<number> {
  const { calls } = await fakeUpstream(request).stats();
  return Object.entries(calls).reduce((sum, [operation, count]) => (operation.startsWith(prefix) ? sum + count : sum), 0);
}

async function openLongThread(page: Page, accountId: string) {
  await page.clock.install();
  await page.goto(`/a/${accountId}/inbox`);
  const row = page.getByTestId("conversation-row").filter({ hasText: LONG_THREAD_NAME });
  await row.click();
  const messages = page.getByTestId("thread-view").getByTestId("message");
  await expect(messages.filter({ hasText: newestText })).toBeVisible();
  await expect(page.getByTestId("pushed")).toBeVisible();
  return { row, messages };
}

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
  await clearPeople(request);
});

for (const account of PUSHED) {
  test(`${account.name} with its webhook: the provider is asked nothing until a delivery, then only about it; the message shows once`, async ({ page, request }) => {
    await account.setUp(request);
    const [fixtureId] = await fakeUpstream(request).conversationIds();
    const { row, messages } = await openLongThread(page, account.id);

    // Three questions to our database: none to the provider.
    await waitForInboxPolls(page, 1, PAGE_CLOCK);
    const quiet = await providerCalls(request, account.operations);
    await waitForInboxPolls(page, 3, PAGE_CLOCK);
    expect(await providerCalls(request, account.operations)).toBe(quiet);

    const text = `Pushed by ${account.name} ${randomUUID().slice(0, 8)}`;
    const delivered = await fakeUpstream(request).deliverWebhook(account.delivery(fixtureId!, text));
    expect(delivered.answers).toEqual([{ status: 200, body: { stored: true } }]);
    await expect(messages.filter({ hasText: text })).toHaveCount(1);
    await expect(row).toContainText(text);
    const announced = await providerCalls(request, account.operations);
    expect(announced).toBeGreaterThan(quiet);

    // The same news in the next (overlapping) answers: nothing asked again, still shown once.
    await waitForInboxPolls(page, 3, PAGE_CLOCK);
    expect(await providerCalls(request, account.operations)).toBe(announced);
    await expect(messages.filter({ hasText: text })).toHaveCount(1);
    await expect(messages.filter({ hasText: newestText })).toHaveCount(1);
  });
}

test("ConnectSafely: a forged delivery is refused, shows nothing and makes the page ask the provider nothing", async ({ page, request }) => {
  const account = PUSHED[0]!;
  const [fixtureId] = await fakeUpstream(request).conversationIds();
  const { messages } = await openLongThread(page, account.id);
  await waitForInboxPolls(page, 1, PAGE_CLOCK);
  const before = await providerCalls(request, account.operations);
  const shown = await messages.count();

  // The words are real (the provider has them): a page that trusted the forged delivery, which names
  // the newest message, would ask for them and show them.
  await fakeUpstream(request).addMessage(fixtureId!, "Wire the money today");
  const forged = await fakeUpstream(request).deliverWebhook({ ...account.delivery(fixtureId!, "Wire the money today"), tamper: "signature" });
  expect(forged.answers.map((answer) => answer.status)).toEqual([401]);
  await waitForInboxPolls(page, 3, PAGE_CLOCK);
  expect(await providerCalls(request, account.operations)).toBe(before);
  await expect(messages).toHaveCount(shown);
  await expect(page.getByText("Wire the money today")).toHaveCount(0);
});
