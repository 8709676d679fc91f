import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { messageBox, sendButton } from "../support/composer";
import { PROVIDERS, shownAs } from "../support/reply";
import { fakeUpstream } from "../support/fake-upstream";
import { movePollsOnUntil, scrollThreadToTop } from "../support/thread";

/**
 * What a screen reader hears in a thread: who wrote each message (the bubble's side and colour say
 * it only to the eye), and each new message from the other side as it arrives, at the end of the
 * thread or away from it, even in the same words as the last. The "new messages" pill, pressed from
 * the keyboard, leaves focus in the thread. Not size-dependent: desktop only.
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

/**
 * The long thread (long enough to read away from its end), on a page whose clock the test moves,
 * and the person the header names (a one-to-one thread: the other person).
 */
async function openLongThread(page: Page, request: APIRequestContext): Promise<{ id: string; thread: Locator; name: string }> {
  const [id] = await fakeUpstream(request).conversationIds();
  if (id === undefined) throw new Error("the fixture mailbox is empty");
  await page.clock.install();
  await page.goto(`/a/linkup/inbox/c/${encodeURIComponent(id)}`);
  const thread = page.getByTestId("thread-view");
  await expect(thread.getByTestId("message").first()).toBeVisible();
  await expect(page.getByTestId("thread-announcer")).toBeAttached();
  const heading = thread.getByRole("heading", { level: 1 });
  await expect(heading).not.toHaveText("Conversation");
  return { id, thread, name: ((await heading.textContent()) ?? "").trim() };
}

/** Everything the thread's live region says from now on, in order (a new node each time). */
async function recordAnnouncements(page: Page): Promise<() => Promise<string[]>> {
  await page.getByTestId("thread-announcer").evaluate((region) => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node.textContent) said.push(node.textContent);
    }).observe(region, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { said: string[] }).said);
}

test("each message says who wrote it; each new one is announced wherever the reader is; the pill leaves focus in the thread", async ({ page, request }) => {
  const upstream = fakeUpstream(request);
  const { id, thread, name } = await openLongThread(page, request);
  const messages = thread.getByTestId("message");
  const theirs = thread.locator('[data-testid="message"][data-side="theirs"]');
  await expect(theirs.first().locator(".sr-only").first()).toHaveText(`${name}:`);
  await expect(thread.locator('[data-testid="message"][data-side="mine"]').first().locator(".sr-only").first()).toHaveText("You:");

  const said = await recordAnnouncements(page);
  const expected = `New message from ${name}`;

  // At the end of the thread, twice in the same words.
  await upstream.addMessage(id, "At the end, the first");
  await movePollsOnUntil(page, async () => expect(await said()).toEqual([expected]));
  await upstream.addMessage(id, "At the end, the second");
  await movePollsOnUntil(page, async () => expect(await said()).toEqual([expected, expected]));
  await expect(page.getByTestId("new-messages-pill")).toHaveCount(0);

  // Away from the end: announced too, and the pill shows; pressed from the keyboard, focus stays in the thread.
  await scrollThreadToTop(page);
  await upstream.addMessage(id, "Away from the end");
  const pill = page.getByTestId("new-messages-pill");
  await movePollsOnUntil(page, async () => {
    expect(await said()).toEqual([expected, expected, expected]);
    await expect(pill).toBeVisible({ timeout: 1_000 });
  });
  await pill.focus();
  await page.keyboard.press("Enter");
  await expect(pill).toHaveCount(0);
  await expect(page.getByTestId("thread-scroller")).toBeFocused();
  await expect(messages.filter({ hasText: "Away from the end" })).toBeInViewport();
});

test("a reply waiting in the outbox (Not sent) does not hide what arrives after it: announced, and the pill shows away from the end", async ({ page, request }) => {
  const upstream = fakeUpstream(request);
  const { id, thread, name } = await openLongThread(page, request);
  await upstream.fail({ ...PROVIDERS[0].refusal, times: 3 });
  await messageBox(page).fill("A reply the provider refuses");
  await sendButton(page).click();
  await expect(shownAs(thread, "A reply the provider refuses")).toHaveAttribute("data-send-state", "not-sent", { timeout: 20_000 });

  const said = await recordAnnouncements(page);
  await scrollThreadToTop(page);
  await upstream.addMessage(id, "Written after the reply that did not go");
  await movePollsOnUntil(page, async () => {
    expect(await said()).toEqual([`New message from ${name}`]);
    await expect(page.getByTestId("new-messages-pill")).toBeVisible({ timeout: 1_000 });
  });
});
