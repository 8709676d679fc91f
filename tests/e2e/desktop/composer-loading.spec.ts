import { expect, test } from "@playwright/test";
import { draftKey } from "@/lib/client/draft-store";
import { longThreadId } from "../support/accounts";
import { messageBox, sendButton } from "../support/composer";
import { ACCOUNTS } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";
import { HELD_LOAD, holdLaterScripts } from "../support/later-scripts";

/**
 * The outbox's code and the reader of stored drafts load after the page's first scripts (issue 11:
 * no zod in a first load). A Send in that moment is not taken and not lost: the words stay in the
 * box and the composer says so; once the outbox is there, the same Send goes, once. A stored draft
 * shows once it can be read; words typed before then are stored at once, over it. Here the moment is held
 * open by holding every script the page asks for beyond those its HTML names, but TanStack Virtual's,
 * which the live thread waits for (lib/client/use-lazy-virtualizer.ts).
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("a Send before the outbox has loaded keeps the words and says so; once it has, the Send goes once", async ({ page, request }) => {
  const threadPath = `/a/${ACCOUNTS.linkupV2}/inbox/c/${encodeURIComponent(await longThreadId(request, ACCOUNTS.linkupV2))}`;
  const { held, release } = await holdLaterScripts(page, threadPath);

  await page.goto(threadPath, HELD_LOAD);
  const thread = page.getByTestId("thread-view");
  await expect(thread.getByTestId("message").first()).toBeVisible();
  const text = `Sent once the outbox is here ${Date.now()}`;
  await messageBox(page).fill(text);
  await sendButton(page).click();
  await expect(page.getByTestId("composer-not-ready")).toBeVisible();
  await expect(messageBox(page)).toHaveValue(text);
  await expect(thread.getByTestId("message").filter({ hasText: text })).toHaveCount(0);
  // A script counts as held once the route has fetched it, a moment after the page asked: wait for it.
  await expect.poll(() => held.length).toBeGreaterThan(0);

  await release();
  // The outbox arrives on its own; the rep's next tap sends.
  await expect(async () => {
    await sendButton(page).click();
    await expect(messageBox(page)).toHaveValue("", { timeout: 1_000 });
  }).toPass();
  await expect(page.getByTestId("composer-not-ready")).toHaveCount(0);
  const reply = thread.getByTestId("message").filter({ hasText: text });
  await expect(reply).toHaveCount(1);
  await expect(reply).not.toHaveAttribute("data-send-state", { timeout: 20_000 });
  expect((await fakeUpstream(request).stats()).calls.send ?? 0).toBe(1);
});

test("a stored draft shows once it can be read; words typed before then are stored at once, over it", async ({ page, request }) => {
  const conversationId = await longThreadId(request, ACCOUNTS.linkupV2);
  const threadPath = `/a/${ACCOUNTS.linkupV2}/inbox/c/${encodeURIComponent(conversationId)}`;
  const key = draftKey(ACCOUNTS.linkupV2, conversationId);
  const stored = () => page.evaluate((k) => localStorage.getItem(k), key);
  const older = `An older draft ${Date.now()}`;
  await page.goto("/");
  await page.evaluate(([k, text]) => localStorage.setItem(k, JSON.stringify({ text, subject: "" })), [key, older] as const);

  // Nothing typed while the draft cannot be read: it shows once it can.
  const first = await holdLaterScripts(page, threadPath);
  await page.goto(threadPath, HELD_LOAD);
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  await expect(messageBox(page)).toHaveValue("");
  // Held once its request came and its body was read: a moment after the composer mounted.
  await expect.poll(() => first.held.length).toBeGreaterThan(0);
  await first.release();
  await expect(messageBox(page)).toHaveValue(older);

  // Typed while it cannot be read: the rep's words are stored at once (a reload keeps them) and stay.
  const second = await holdLaterScripts(page, threadPath);
  await page.reload(HELD_LOAD);
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  await expect(messageBox(page)).toHaveValue("");
  const typed = `Typed straight away ${Date.now()}`;
  await messageBox(page).fill(typed);
  await expect.poll(stored).toContain(typed);
  await expect.poll(() => second.held.length).toBeGreaterThan(0);
  await second.release();
  await expect(messageBox(page)).toHaveValue(typed);
  await page.reload();
  await expect(messageBox(page)).toHaveValue(typed);
});
