import { expect, test } from "@playwright/test";
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

test("each message says who wrote it; each new one is announced wherever the reader is; the pill leaves focus in the thread", async ({ page, request }) => {
  const upstream = fakeUpstream(request);
  // The long thread: long enough to read away from its end.
  const [id] = await upstream.conversationIds();
  if (id === undefined) throw new Error("the fixture mailbox is empty");
  await page.clock.install();
  await page.goto(`/a/linkup/inbox/c/${encodeURIComponent(id)}`);
  const thread = page.getByTestId("thread-view");
  const messages = thread.getByTestId("message");
  await expect(messages.first()).toBeVisible();
  await expect(page.getByTestId("thread-announcer")).toBeAttached();

  const theirs = thread.locator('[data-testid="message"][data-side="theirs"]');
  // A one-to-one thread: the other person is the one the header names.
  const heading = thread.getByRole("heading", { level: 1 });
  await expect(heading).not.toHaveText("Conversation");
  const name = ((await heading.textContent()) ?? "").trim();
  await expect(theirs.first().locator(".sr-only").first()).toHaveText(`${name}:`);
  await expect(thread.locator('[data-testid="message"][data-side="mine"]').first().locator(".sr-only").first()).toHaveText("You:");

  // Everything the live region says, in order (a new node each time).
  await page.getByTestId("thread-announcer").evaluate((region) => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) if (node.textContent) said.push(node.textContent);
    }).observe(region, { childList: true, subtree: true });
  });
  const said = () => page.evaluate(() => (window as unknown as { said: string[] }).said);
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
