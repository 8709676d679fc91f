import { expect, test, type Page } from "@playwright/test";
import { fakeUpstream } from "../support/fake-upstream";
import { expectTouchTarget } from "../support/size";
import { cssEscape } from "../support/thread";
import { settledValue } from "../support/settled";

/**
 * Issue 12, search and the row's actions (a phone: the list is its own screen, and there is no
 * Shift+U). The query filters what is loaded as the rep types, lives in the URL, and survives a
 * thread opened from the results and the back button.
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

const rowOf = (page: Page, conversationId: string) => page.locator(`[data-testid="conversation-row"][data-conversation-id="${cssEscape(conversationId)}"]`);

async function idOf(row: ReturnType<Page["locator"]>): Promise<string> {
  const id = await row.getAttribute("data-conversation-id");
  if (id === null) throw new Error("a row without its conversation id");
  return id;
}

test("search finds a conversation by name and by message text, keeps the query in the URL, and says when nothing matches", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  const rows = page.getByTestId("conversation-row");
  const search = page.getByTestId("inbox-search");
  await expect(rows.nth(4)).toBeVisible();
  await expectTouchTarget(search);
  // The rows the phone's pane shows once measured (the server rendered them for a taller one).
  const loaded = await settledValue(page, () => rows.count());

  // By name: a person's surname, typed in lower case.
  const byName = rows.nth(3);
  const nameId = await idOf(byName);
  const name = (await byName.getByTestId("conversation-name").textContent()) ?? "";
  const surname = name.trim().split(/\s+/).at(-1)?.toLowerCase() ?? "";
  await search.fill(surname);
  await expect(rowOf(page, nameId)).toBeVisible();
  await expect.poll(() => rows.count()).toBeLessThan(loaded);
  // A screen reader hears how many were found (the list is not a live region).
  const announcer = page.getByTestId("search-announcer");
  await expect(announcer).toHaveText(`${await page.getByTestId("conversation-list").getAttribute("data-conversation-count")} found`);
  // Every row left says the word somewhere (name, headline or last message).
  for (const shown of await rows.allTextContents()) expect(shown.toLowerCase()).toContain(surname);
  await expect(page).toHaveURL(new RegExp(`/a/linkup/inbox\\?q=${encodeURIComponent(surname)}$`));

  // The query survives a reload, and a thread opened from the results and left by Back.
  await page.reload();
  await expect(search).toHaveValue(surname);
  await expect(rowOf(page, nameId)).toBeVisible();
  await rowOf(page, nameId).click();
  await expect(page).toHaveURL(new RegExp(`/c/[^?]+\\?q=${encodeURIComponent(surname)}$`));
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  await page.getByTestId("thread-back").click();
  await expect(page).toHaveURL(new RegExp(`/a/linkup/inbox\\?q=${encodeURIComponent(surname)}$`));
  await expect(search).toHaveValue(surname);
  await expect(rowOf(page, nameId)).toBeVisible();

  // By message text: words from the middle of another row's last message.
  await page.getByTestId("clear-search").click();
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(loaded);
  const byText = rows.nth(loaded - 1);
  const textId = await idOf(byText);
  const preview = ((await byText.getByTestId("conversation-preview").textContent()) ?? "").replace(/^You: /, "");
  const words = preview.split(/\s+/).filter((word) => word.length > 2);
  const phrase = words.slice(1, 4).join(" ");
  expect(phrase.length).toBeGreaterThan(5);
  await search.fill(phrase.toUpperCase());
  await expect(rowOf(page, textId)).toBeVisible();

  // Nothing matches: a clear empty state, not a blank list.
  await search.fill("zzqx no such words anywhere");
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId("empty-state")).toContainText("No matches");
  await expect(announcer).toHaveText("No matches");
  // Escape clears the field.
  await search.press("Escape");
  await expect(search).toHaveValue("");
  await expect(announcer).toHaveText("");
  await expect(rows.first()).toBeVisible();
});

test("a row's actions mark it unread and read again, from a sheet a thumb can reach", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  const rows = page.getByTestId("conversation-row");
  const read = rows.filter({ hasNot: page.getByTestId("unread-badge") }).first();
  await expect(read).toBeVisible();
  const id = await idOf(read);
  const row = rowOf(page, id);
  const more = page.locator("li", { has: row }).getByTestId("row-actions");
  await expectTouchTarget(more, 44, "both");

  await more.click();
  const sheet = page.getByTestId("row-actions-sheet");
  await expect(sheet).toBeVisible();
  await expectTouchTarget(sheet.getByTestId("row-mark-unread"));
  await sheet.getByTestId("row-mark-unread").click();
  await expect(sheet).toBeHidden();
  await expect(row.getByTestId("unread-badge")).toBeVisible();
  // Kept by the server: still unread after a reload.
  await page.reload();
  await expect(row.getByTestId("unread-badge")).toBeVisible();

  await page.locator("li", { has: row }).getByTestId("row-actions").click();
  await sheet.getByTestId("row-mark-read").click();
  await expect(row.getByTestId("unread-badge")).toHaveCount(0);
  await page.reload();
  await expect(row).toBeVisible();
  await expect(row.getByTestId("unread-badge")).toHaveCount(0);

  // Cancel changes nothing.
  await page.locator("li", { has: row }).getByTestId("row-actions").click();
  await sheet.getByTestId("row-actions-cancel").click();
  await expect(sheet).toBeHidden();
  await expect(row.getByTestId("unread-badge")).toHaveCount(0);
});

test("where the provider searches (ConnectSafely), a conversation not yet loaded is found too", async ({ page }) => {
  await page.goto("/a/connectsafely/inbox");
  const rows = page.getByTestId("conversation-row");
  await expect(rows.first()).toBeVisible();
  // The oldest conversation of the account: far below the first page the list has loaded.
  let cursor: string | null = null;
  let oldest: { id: string; name: string } | null = null;
  do {
    const response = await page.request.get(`/api/accounts/connectsafely/conversations?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    const body = (await response.json()) as { conversations: { id: string; participant: { name: string } }[]; nextCursor: string | null };
    const last = body.conversations.at(-1);
    if (last) oldest = { id: last.id, name: last.participant.name };
    cursor = body.nextCursor;
  } while (cursor !== null);
  if (oldest === null) throw new Error("the fixture inbox is empty");
  await expect(rowOf(page, oldest.id)).toHaveCount(0);

  const asked = page.waitForRequest((request) => request.url().includes("/conversations?") && new URL(request.url()).searchParams.get("q") === oldest.name);
  await page.getByTestId("inbox-search").fill(oldest.name);
  await asked;
  await expect(rowOf(page, oldest.id)).toBeVisible();
  await rowOf(page, oldest.id).click();
  await expect(page.getByTestId("thread-view").getByRole("heading", { level: 1 })).toHaveText(oldest.name);
});
