import { expect, test } from "@playwright/test";
import { fakeUpstream } from "../support/fake-upstream";
import { waitForInboxPolls } from "../support/thread";

/**
 * The inbox does not move under the rep's thumb while it loads and takes its first poll: a row
 * tapped a moment after it painted is the row that was there. (The "checked … ago" line used to
 * appear with the first poll's answer, five seconds in, and push every row down.)
 */
test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

type ShiftLog = { shifts: number[]; shiftObserver: PerformanceObserver };

test("the inbox lays out once: no layout shift from its first paint through its first poll", async ({ page }) => {
  await page.addInitScript(() => {
    const log = window as unknown as ShiftLog;
    log.shifts = [];
    const note = (entries: PerformanceEntry[]) => {
      for (const entry of entries) {
        const shift = entry as PerformanceEntry & { value: number; hadRecentInput: boolean };
        if (!shift.hadRecentInput) log.shifts.push(shift.value);
      }
    };
    log.shiftObserver = new PerformanceObserver((entries) => note(entries.getEntries()));
    log.shiftObserver.observe({ type: "layout-shift", buffered: true });
    (log as unknown as { noteShifts: () => void }).noteShifts = () => note(log.shiftObserver.takeRecords());
  });
  await page.goto("/a/linkup/inbox");
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  await waitForInboxPolls(page, 1);
  await expect(page.getByTestId("checked-ago")).not.toBeEmpty();
  // After the next frame's layout, with what the observer has not delivered yet.
  const shifts = await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    (window as unknown as { noteShifts: () => void }).noteShifts();
    return (window as unknown as ShiftLog).shifts;
  });
  expect(shifts).toEqual([]);
});
