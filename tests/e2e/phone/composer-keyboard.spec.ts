import { expect, test } from "@playwright/test";
import { clearPeople } from "../support/accounts";
import { messageBox, openLongThread, sendButton } from "../support/composer";
import { ACCOUNTS } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";
import { hasNoHorizontalScroll } from "../support/screens";
import { expectTouchTarget } from "../support/size";

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
  await clearPeople(request);
});

test("the composer stays above an on-screen keyboard on a phone", async ({ page, request }) => {
  await openLongThread(page, request, ACCOUNTS.linkupV2);
  const box = messageBox(page);
  await box.click();
  await expect(box).toBeFocused();
  // What Chrome on Android does with interactive-widget=resizes-content: the layout shrinks.
  await page.setViewportSize({ width: 360, height: 460 });
  await expect(box).toBeInViewport({ ratio: 1 });
  await expect(sendButton(page)).toBeInViewport({ ratio: 1 });
  await expectTouchTarget(sendButton(page), 44, "both");
  await expect.poll(() => hasNoHorizontalScroll(page)).toBe(true);
  // 16px text: iOS Safari zooms into a smaller one.
  expect(await box.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16);
});

test("a draft's box fits its lines again when the phone turns: upright, the same words wrap to more lines and the box grows", async ({ page, request }) => {
  await page.setViewportSize({ width: 800, height: 360 });
  await openLongThread(page, request, ACCOUNTS.linkupV2);
  const box = messageBox(page);
  await box.fill("Thanks for the call today, I will send over the proposal and the pricing sheet");
  const height = () => box.evaluate((el) => el.getBoundingClientRect().height);
  const fitsItsText = () => box.evaluate((el) => el.scrollHeight <= el.clientHeight + 1);
  // Settled: the box shows all its lines (no inner scroll) before its height is taken.
  await expect.poll(fitsItsText).toBe(true);
  const sideways = await height();
  await page.setViewportSize({ width: 360, height: 800 });
  // The text needs more lines at 360 px than at 800: the box follows, without a keystroke.
  await expect.poll(height).toBeGreaterThan(sideways);
  await expect.poll(fitsItsText).toBe(true);
});
