import { expect, test } from "@playwright/test";
import { clearPeople } from "./support/accounts";
import { messageBox, openLongThread, sendButton } from "./support/composer";
import { ACCOUNTS } from "./support/env";
import { fakeUpstream } from "./support/fake-upstream";
import { expectInThread, expectReplySentOnce, PROVIDERS, shownAs, timesInUpstream, unique } from "./support/reply";
import { hasNoHorizontalScroll, saveScreenshot } from "./support/screens";
import { expectTouchTarget } from "./support/size";
import { isPhone } from "./support/thread";

/**
 * Replying from Threadline at the phone and the desktop viewport: a reply shows at once, is sent
 * once, shows once whatever the polls bring, and survives a reload (on Linkup v2; the other
 * providers' sends differ on the server, not by size: phone/reply-providers.spec.ts); the
 * composer's keys, its draft and how it looks at each size. What goes wrong with a send (offline,
 * refused, no answer) is the same at every size: phone/reply-failures.spec.ts.
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
  await clearPeople(request);
});

const [linkupV2] = PROVIDERS;

test(`${linkupV2.name}: a reply shows at once, is sent once, and shows once after polls and a reload`, async ({ page, request }) => {
  await expectReplySentOnce(page, request, linkupV2);
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
  // The button went with the reply: focus is where its words went back to, not lost to the page.
  await expect(messageBox(page)).toBeFocused();
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
  await expect.poll(() => hasNoHorizontalScroll(page)).toBe(true);
  await saveScreenshot(page, testInfo, "reply-not-sent");
});
