import { expect, test } from "@playwright/test";
import { modernScriptSources } from "../../bench/page-scripts";
import { longThreadId } from "../support/accounts";
import { messageBox, sendButton } from "../support/composer";
import { ACCOUNTS } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";

/**
 * The outbox's code loads after the page's first scripts (issue 11: no zod in a first load). A Send
 * in that moment is not taken and not lost: the words stay in the box and the composer says so;
 * once the outbox is there, the same Send goes, once. Here the moment is held open by holding every
 * script the page asks for beyond those its HTML names.
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("a Send before the outbox has loaded keeps the words and says so; once it has, the Send goes once", async ({ page, request }) => {
  const threadPath = `/a/${ACCOUNTS.linkupV2}/inbox/c/${encodeURIComponent(await longThreadId(request, ACCOUNTS.linkupV2))}`;
  const threadHtml = await (await page.request.get(threadPath)).text();
  const firstLoad = new Set(modernScriptSources(threadHtml).map((src) => new URL(src, "http://first.load").pathname));
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held: string[] = [];
  await page.route("**/_next/static/chunks/**/*.js", async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (!firstLoad.has(path)) {
      held.push(path);
      await released;
    }
    await route.continue();
  });

  await page.goto(threadPath);
  const thread = page.getByTestId("thread-view");
  await expect(thread.getByTestId("message").first()).toBeVisible();
  const text = `Sent once the outbox is here ${Date.now()}`;
  await messageBox(page).fill(text);
  await sendButton(page).click();
  await expect(page.getByTestId("composer-not-ready")).toBeVisible();
  await expect(messageBox(page)).toHaveValue(text);
  await expect(thread.getByTestId("message").filter({ hasText: text })).toHaveCount(0);
  expect(held.length).toBeGreaterThan(0);

  release();
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
