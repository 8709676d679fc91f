import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { conversationsPageSchema } from "@/lib/contracts/api";
import { addPersonAndWait, clearPeople, LENA_PROFILE_URL, longThreadId, newestMessages } from "./support/accounts";
import { ACCOUNTS } from "./support/env";
import { fakeUpstream } from "./support/fake-upstream";
import { cssEscape } from "./support/thread";

/**
 * Issue 11, content in the first response: a thread opened by its URL has its newest messages in
 * the server's HTML, at the bottom of the screen before any of the app's scripts has run, under
 * the header and above the composer the live thread will have, painted first (no loading skeleton
 * before it), and the live thread takes over with the newest message on the very same pixel
 * (nothing jumps), in a browser whose time zone and language are not the server's.
 */

test.use({ timezoneId: "Pacific/Chatham", locale: "de-DE" });

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});
test.afterEach(async ({ request }) => {
  await clearPeople(request);
});

test("a thread opened by its URL shows its newest messages and its header before any script, and they stay put when the live thread takes over", async ({ page, request }) => {
  const conversationId = await longThreadId(request, ACCOUNTS.linkupV2);
  const headline = await headlineOf(request, ACCOUNTS.linkupV2, conversationId);
  await expectFirstPaintThenTakeover(page, request, ACCOUNTS.linkupV2, conversationId, async (view) => {
    await expect(view.locator("header")).toContainText(headline);
  });
});

test("a Sales Navigator thread (an InMail) opened by its URL has its InMail mark and its subject line from the first paint: nothing moves when the composer takes over", async ({ page, request }) => {
  await clearPeople(request);
  const person = await addPersonAndWait(request, LENA_PROFILE_URL, ACCOUNTS.linkedApi, "salesNavigator");
  expect(person.state).toBe("ready");
  await expectFirstPaintThenTakeover(page, request, ACCOUNTS.linkedApi, person.id, async (view) => {
    await expect(view.locator("header")).toContainText("InMail");
    // Before the page is live, the subject's place (the composer is not there to type into yet).
    const subject = view.getByTestId("composer").getByPlaceholder("Subject").or(view.getByTestId("composer-placeholder").getByText("Subject", { exact: true }));
    await expect(subject).toBeVisible();
  });
});

/** The headline the inbox shows for this conversation. */
async function headlineOf(request: APIRequestContext, accountId: string, conversationId: string): Promise<string> {
  const response = await request.get(`/api/accounts/${accountId}/conversations?limit=50`);
  const { conversations } = conversationsPageSchema.parse(await response.json());
  const headline = conversations.find((conversation) => conversation.id === conversationId)?.participant.headline;
  if (!headline) throw new Error("the fixture gives this conversation no headline");
  return headline;
}

/**
 * Opens the thread by its URL twice. First with none of the app's scripts: the HTML alone shows the
 * newest message at the bottom of the screen, and what `expectAround` expects around it. Then with
 * its scripts, recording from the first paint on where the newest message is and in which view: it
 * is shown by the server's preview, then by the live thread, and never moves; `expectAround` holds
 * for the live thread too; and nothing is logged as an error.
 */
async function expectFirstPaintThenTakeover(page: Page, request: APIRequestContext, accountId: string, conversationId: string, expectAround: (view: Locator) => Promise<void>) {
  const threadPath = `/a/${accountId}/inbox/c/${encodeURIComponent(conversationId)}`;
  const [newest] = await newestMessages(request, accountId, conversationId, 1);
  const newestRow = `[data-testid="message"][data-message-id="${cssEscape(newest!.id)}"]`;

  await page.route("**/_next/static/chunks/**/*.js", (route) => route.abort());
  await page.goto(threadPath);
  const preview = page.getByTestId("thread-preview");
  await expect(preview.locator(newestRow)).toBeInViewport({ ratio: 1 });
  await expect(preview.locator(newestRow)).toContainText(newest!.text.slice(0, 40));
  await expectAround(preview);

  await page.unrouteAll();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text().slice(0, 300));
  });
  page.on("pageerror", (error) => errors.push(error.message.slice(0, 300)));
  await page.addInitScript((selector) => {
    const frames: { view: string; top: number }[] = [];
    (window as unknown as { __frames: typeof frames }).__frames = frames;
    const record = () => {
      const row = document.querySelector(selector);
      const view = row?.closest("[data-testid=thread-preview], [data-testid=thread-view]")?.getAttribute("data-testid");
      const box = row?.getBoundingClientRect();
      // Shown: not still in the hidden part of the streamed HTML, waiting to be moved into place.
      if (view && box && box.height > 0) frames.push({ view, top: box.top });
      // A loading skeleton painted before the messages (the page streamed behind a fallback).
      else if ((document.querySelector('[aria-label="Loading conversation"]')?.getBoundingClientRect().height ?? 0) > 0) frames.push({ view: "loading", top: 0 });
      // After the frame's paint: what the rep saw.
      requestAnimationFrame(() => setTimeout(record, 0));
    };
    record();
  }, newestRow);
  await page.goto(threadPath);
  const live = page.getByTestId("thread-view");
  await expect(live.locator(newestRow)).toBeInViewport({ ratio: 1 });
  // The live thread has settled (its rows measured, its times in the rep's zone).
  await expect(live.locator(`${newestRow} time`).last()).not.toHaveText("\u00a0");
  await expectAround(live);
  const frames = await page.evaluate(() => (window as unknown as { __frames: { view: string; top: number }[] }).__frames);
  expect(frames.some((frame) => frame.view === "thread-preview")).toBe(true);
  // The messages are in the first frame that shows anything of the thread: no skeleton before them.
  expect(frames.filter((frame) => frame.view === "loading")).toEqual([]);
  expect(frames.some((frame) => frame.view === "thread-view")).toBe(true);
  const tops = frames.map((frame) => frame.top);
  expect(Math.max(...tops) - Math.min(...tops)).toBeLessThanOrEqual(0.5);
  expect(errors).toEqual([]);
}
