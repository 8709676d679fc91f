import { expect, test, type Page } from "@playwright/test";
import { ADMIN_STATE } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";
import { cssEscape, escapeRegExp, movePollsOnUntil } from "../support/thread";

/**
 * Issue 12, read state (desktop: the list beside the thread, so a row can be watched while its
 * thread is open; the phone shows the same rows). Opening a conversation reads it for this rep:
 * its badge and its Unread-tab row go at once and stay gone after a reload and in the rep's other
 * browser; a newer message makes it unread again; "Mark as unread" brings it back.
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

const rowOf = (page: Page, conversationId: string) => page.locator(`[data-testid="conversation-row"][data-conversation-id="${cssEscape(conversationId)}"]`);

/** `(3) Inbox · Threadline` → 3; no count → 0. */
async function unreadInTitle(page: Page): Promise<number> {
  const match = /^\((\d+)\) /.exec(await page.title());
  return match ? Number(match[1]) : 0;
}

test("opening an unread conversation reads it: at once, after a reload, in another browser; a new message and Mark as unread bring it back", async ({ page, browser, request }) => {
  await page.goto("/a/linkup/inbox");
  const rows = page.getByTestId("conversation-row");
  const badges = page.getByTestId("unread-badge");
  const target = rows.filter({ has: badges }).first();
  await expect(target).toBeVisible();
  const conversationId = await target.getAttribute("data-conversation-id");
  if (conversationId === null) throw new Error("a row without its conversation id");
  const row = rowOf(page, conversationId);
  // The tab says how many loaded Inbox conversations are unread (more load as the list fills the
  // screen); the list renders only the rows near the viewport, and says how many it holds.
  const unreadListed = () => page.getByTestId("conversation-list").getAttribute("data-unread-count").then(Number);
  const titleMatchesList = async () => (await unreadInTitle(page)) === (await unreadListed()) && (await badges.count()) > 0;
  await expect.poll(titleMatchesList).toBe(true);

  await row.click();
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  await expect(row.getByTestId("unread-badge")).toHaveCount(0, { timeout: 1_000 });
  // The tab is titled with the person, after the count that is left.
  const name = await page.getByTestId("thread-view").getByRole("heading", { level: 1 }).textContent();
  await expect(page).toHaveTitle(new RegExp(`^\\(\\d+\\) ${escapeRegExp(name ?? "?")} · Threadline$`));
  await expect.poll(titleMatchesList).toBe(true);

  // The Unread tab no longer lists it, and a reload (the server's answer) agrees.
  await page.getByTestId("category-tab").filter({ hasText: "Unread" }).click();
  await expect(page).toHaveURL(/\/a\/linkup\/unread$/);
  await expect(rows.first()).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(rows.first()).toBeVisible();
  await expect(row).toHaveCount(0);

  // The rep's other browser (the laptop beside the phone) sees it read too.
  const laptop = await browser.newContext({ storageState: ADMIN_STATE });
  try {
    // Its next inbox poll comes when the test moves its clock on.
    await laptop.clock.install();
    const other = await laptop.newPage();
    await other.goto("/a/linkup/inbox");
    const otherRow = rowOf(other, conversationId);
    await expect(otherRow).toBeVisible();
    await expect(otherRow.getByTestId("unread-badge")).toHaveCount(0);

    // A newer message from them: unread again, there (by its next inbox poll) and here (on load).
    const text = `A message after reading ${Date.now().toString(36)}`;
    await fakeUpstream(request).addMessage(conversationId, text);
    await movePollsOnUntil(other, () => expect(otherRow).toContainText(text, { timeout: 2_000 }));
    await expect(otherRow.getByTestId("unread-badge")).toBeVisible();
  } finally {
    await laptop.close();
  }
  await page.goto("/a/linkup/inbox");
  await expect(row.getByTestId("unread-badge")).toBeVisible();

  // Read it again, then mark it unread from the thread: back to the list, badge and all.
  await row.click();
  await expect(row.getByTestId("unread-badge")).toHaveCount(0);
  await page.getByTestId("mark-unread").click();
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);
  await expect(row.getByTestId("unread-badge")).toBeVisible();
  // The list took the thread's place in history: Back does not reopen it (and read it again).
  await page.goBack();
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);
  await expect(page.getByTestId("thread-view")).toHaveCount(0);
  await expect(row.getByTestId("unread-badge")).toBeVisible();
  await page.reload();
  await expect(row.getByTestId("unread-badge")).toBeVisible();
});

test("a conversation read on the rep's other device leaves an Unread list already open here, and loses its badge in Inbox, without a reload", async ({ page, browser }) => {
  await page.clock.install();
  await page.goto("/a/linkup/unread");
  const rows = page.getByTestId("conversation-row");
  await expect(rows.first()).toBeVisible();
  const conversationId = await rows.first().getAttribute("data-conversation-id");
  if (conversationId === null) throw new Error("a row without its conversation id");
  const row = rowOf(page, conversationId);

  const phone = await browser.newContext({ storageState: ADMIN_STATE });
  try {
    const other = await phone.newPage();
    const kept = other.waitForResponse((response) => response.url().endsWith("/read") && response.request().method() === "PUT" && response.ok());
    await other.goto(`/a/linkup/inbox/c/${encodeURIComponent(conversationId)}`);
    await expect(other.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
    await kept;
  } finally {
    await phone.close();
  }
  // Here: gone from Unread by the read-marks poll (our database), not by a reload or a provider read.
  await movePollsOnUntil(page, () => expect(row).toHaveCount(0, { timeout: 2_000 }));
  await page.getByTestId("category-tab").filter({ hasText: "Inbox" }).click();
  await expect(row).toBeVisible();
  await expect(row.getByTestId("unread-badge")).toHaveCount(0);
});

test("an InMail opened from Unread keeps its header as its row leaves Unread: the person's headline and the InMail mark stay", async ({ page, request }) => {
  // Conversation 13 of the fixture mailbox: an unread InMail (its newest message is theirs).
  const conversationId = (await fakeUpstream(request).conversationIds())[13];
  if (conversationId === undefined) throw new Error("the fixture mailbox has fewer than 14 conversations");
  await page.goto("/a/linkup/unread");
  const row = rowOf(page, conversationId);
  await expect(row).toBeVisible();
  const header = page.getByTestId("thread-view").locator("header");
  await row.click();
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  // Read now: Unread no longer lists it.
  await expect(row).toHaveCount(0);
  await expect(header.getByText("InMail", { exact: true })).toBeVisible();
  await expect(header.getByText("Head of Sales at Firm 13")).toBeVisible();
});
