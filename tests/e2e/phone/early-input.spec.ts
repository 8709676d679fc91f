import { expect, test, type Page } from "@playwright/test";
import { fakeUpstream } from "../support/fake-upstream";
import { HELD_LOAD, holdEveryScript } from "../support/later-scripts";
import { expectLive, isLive } from "../support/live-control";
import { waitForInboxPolls } from "../support/thread";

/**
 * On a slow phone the inbox's HTML shows well before its code has run, and a rep may start typing
 * in the search field then (lib/client/use-early-input.ts): the words stay, and they search once
 * the page is live. The people panel's form does the same (desktop/people-panel-loading.spec.ts).
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("words typed into the search field before the page's code has run stay, and search once it has", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  const rows = page.getByTestId("conversation-row");
  await expect(rows.nth(4)).toBeVisible();
  const loaded = await rows.count();
  const name = (await rows.nth(3).getByTestId("conversation-name").textContent())?.trim() ?? "";
  const surname = name.split(/\s+/).at(-1)?.toLowerCase() ?? "";
  expect(surname).not.toBe("");

  const { held, release } = await holdEveryScript(page);
  await page.goto("/a/linkup/inbox", HELD_LOAD);
  const search = page.getByTestId("inbox-search");
  await search.fill(surname);
  expect(await isLive(search)).toBe(false);
  // A script counts as held once the route has fetched it, a moment after the page asked: wait for it.
  await expect.poll(() => held.length).toBeGreaterThan(0);

  await release();
  await expectLive(search);
  await expect.poll(() => queryInUrl(page)).toBe(surname);
  await expect(search).toHaveValue(surname);
  await expect.poll(() => rows.count()).toBeLessThan(loaded);
  for (const shown of await rows.allTextContents()) expect(shown.toLowerCase()).toContain(surname);

  // Next's router still holds the history entry: a thread opened from the results, then Back.
  await expect.poll(() => page.evaluate(() => (history.state as { __NA?: boolean } | null)?.__NA)).toBe(true);
  await rows.first().click();
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  await page.getByTestId("thread-back").click();
  await expect(page).toHaveURL(/\/a\/linkup\/inbox\?q=/);
  expect(queryInUrl(page)).toBe(surname);
  await expect(search).toHaveValue(surname);
  await expect(rows.first()).toBeVisible();
});

test("spaces typed into the search field before the page's code has run search nothing", async ({ page }) => {
  const { release } = await holdEveryScript(page);
  await page.goto("/a/linkup/inbox", HELD_LOAD);
  const search = page.getByTestId("inbox-search");
  await search.fill("   ");
  expect(await isLive(search)).toBe(false);

  await release();
  await expectLive(search);
  await expect(search).toHaveValue("");
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  // Read after the account's next question is answered: a query written into the URL late would be there by then.
  await waitForInboxPolls(page, 1);
  expect(queryInUrl(page)).toBeNull();
});

function queryInUrl(page: Page): string | null {
  return new URL(page.url()).searchParams.get("q");
}
