import { expect, test } from "@playwright/test";
import { clearPeople } from "../support/accounts";
import { messageBox, openLongThread, sendButton } from "../support/composer";
import { ACCOUNTS, E2E } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";
import { arrivalOrderUpstream, expectInThread, PROVIDERS, sendCalls, shownAs, timesInUpstream, unique, watchMostShown } from "../support/reply";
import { expectTouchTarget } from "../support/size";
import { waitForInboxPolls } from "../support/thread";

/**
 * A send that goes wrong, on every provider: written offline it waits, visibly, and goes once on
 * reconnect; refused by the provider it says so, and Retry sends it once; unanswered it is "Not
 * confirmed yet" and never sent twice. The composer and the outbox are the same at every size, so
 * these run at the phone's size only (reply.spec.ts shows a refused reply at both sizes).
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
  await clearPeople(request);
});

for (const provider of PROVIDERS) {
  test(`${provider.name}: replies written offline wait, visibly, and are sent once each on reconnect, in the order written`, async ({ page, request, context }) => {
    const { thread, fixtureId } = await openLongThread(page, request, provider.id);
    const texts = ["1st", "2nd", "3rd"].map((n) => unique(`${provider.name} offline reply ${n}`, page));
    const mostShown = await watchMostShown(page, texts[0]!);

    await context.setOffline(true);
    await expect(page.getByTestId("offline-banner")).toBeVisible();
    for (const text of texts) {
      await messageBox(page).fill(text);
      await sendButton(page).click();
      const reply = shownAs(thread, text);
      await expect(reply).toHaveAttribute("data-send-state", "queued");
      await expect(reply.getByTestId("send-status")).toHaveText("Waiting for connection");
    }
    expect(await sendCalls(request, provider.send)).toBe(0);

    await context.setOffline(false);
    for (const text of texts) await expectInThread(shownAs(thread, text));
    await waitForInboxPolls(page, 1);
    for (const text of texts) await expect(shownAs(thread, text)).toHaveCount(1);
    expect(await mostShown()).toBe(1);
    expect(await sendCalls(request, provider.send)).toBe(3);
    // LinkedIn has them once each, in the order the rep wrote them (they once left together, newest first).
    expect(await arrivalOrderUpstream(request, fixtureId, texts)).toEqual(texts);
    // And the thread shows them in that order.
    await expect.poll(async () => (await thread.getByTestId("message").allTextContents()).flatMap((shown) => texts.filter((text) => shown.includes(text)))).toEqual(texts);
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

test("on a pushed account, a reply whose answer was unreadable is looked for in its thread at once (no webhook tells of the rep's own), and shows once, sent", async ({ page, request }) => {
  const { thread, fixtureId } = await openLongThread(page, request, ACCOUNTS.connectSafely);
  const text = unique("A reply ConnectSafely took but answered garbled", page);
  const mostShown = await watchMostShown(page, text);
  await fakeUpstream(request).fail({ kind: "truncate", action: "cs:send" });
  await messageBox(page).fill(text);
  await sendButton(page).click();
  const reply = shownAs(thread, text);
  await expect(reply).toHaveCount(1);
  // The thread's own reads come only with a webhook or the 5-minute safety read: this is the look it takes.
  await expect(reply).not.toHaveAttribute("data-send-state", { timeout: 10_000 });
  await expectInThread(reply);
  expect(await mostShown()).toBe(1);
  expect(await sendCalls(request, "cs:send")).toBe(1);
  expect(await timesInUpstream(request, fixtureId, text)).toBe(1);
});

test("a send whose answer never came is \"Not confirmed yet\", never sent again, and shows once when the thread has it", async ({ page, request }) => {
  // The two polls after it come when the test moves the page's clock on.
  await page.clock.install();
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
  await waitForInboxPolls(page, 2, { pageClock: "head" });
  await expect(reply).toHaveCount(1);
  expect(await mostShown()).toBe(1);
  expect(await sendCalls(request, "send")).toBe(1);
  expect(await timesInUpstream(request, fixtureId, text)).toBe(1);
});
