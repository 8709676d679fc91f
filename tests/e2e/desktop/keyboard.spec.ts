import { expect, test, type Page } from "@playwright/test";
import { SHORTCUTS } from "@/lib/client/shortcut-labels";
import { fakeUpstream } from "../support/fake-upstream";
import { cssEscape, escapeRegExp, expectInboxLive } from "../support/thread";

/**
 * Issue 12, the keyboard on a desktop: every binding in the table does what the cheat sheet says,
 * none fires while typing or with a modifier held.
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

const rows = (page: Page) => page.getByTestId("conversation-row");
const threadUrl = (id: string | null | undefined) => new RegExp(`/c/${escapeRegExp(encodeURIComponent(id ?? "?"))}$`);
const rowOf = (page: Page, id: string | null | undefined) => page.locator(`[data-testid="conversation-row"][data-conversation-id="${cssEscape(id ?? "?")}"]`);
const focusedId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.conversationId ?? null);

test("j/k move, Enter/o open, r replies, Esc/u go back, / searches, Shift+U marks unread, ? lists them all", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  await expect(rows(page).nth(3)).toBeVisible();
  await expectInboxLive(page);
  const ids = await rows(page).evaluateAll((els) => els.slice(0, 3).map((el) => el.getAttribute("data-conversation-id")));

  // ? shows every shortcut in the table; Escape closes the sheet without leaving the page.
  await page.keyboard.press("?");
  const help = page.getByTestId("shortcuts-help");
  await expect(help).toBeVisible();
  await expect(help.getByTestId("shortcut")).toHaveCount(SHORTCUTS.length);
  for (const shortcut of SHORTCUTS) await expect(help).toContainText(shortcut.label);
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // j j k: the second row has the cursor; a modifier held does nothing.
  await page.keyboard.press("j");
  await expect.poll(() => focusedId(page)).toBe(ids[0]);
  await page.keyboard.press("j");
  await expect.poll(() => focusedId(page)).toBe(ids[1]);
  await page.keyboard.press("Control+j");
  await page.keyboard.press("Alt+k");
  await expect.poll(() => focusedId(page)).toBe(ids[1]);
  await page.keyboard.press("k");
  await page.keyboard.press("j");
  await expect.poll(() => focusedId(page)).toBe(ids[1]);

  // o opens it; r goes to its message box (the r is not typed), Escape there to the messages, and
  // Escape again back to the list.
  await page.keyboard.press("o");
  await expect(page).toHaveURL(threadUrl(ids[1]));
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  const messageBox = page.getByRole("textbox", { name: "Message" });
  await page.keyboard.press("r");
  await expect(messageBox).toBeFocused();
  await expect(messageBox).toHaveValue("");
  await page.keyboard.press("Escape");
  await expect(messageBox).not.toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);

  // Two threads opened one after the other from the list beside them: Escape goes to the list, not
  // back to the first thread. With the account menu open, Escape closes the menu and nothing else.
  await rows(page).nth(0).click();
  await expect(page).toHaveURL(threadUrl(ids[0]));
  await rows(page).nth(2).click();
  await expect(page).toHaveURL(threadUrl(ids[2]));
  // It is a disclosure: Tab reaches what it holds, and Escape from there gives focus back to its button.
  const accountMenu = page.getByRole("group", { name: "Your account" });
  await page.getByTestId("account-menu").click();
  await expect(accountMenu).toBeVisible();
  await expect(page.getByTestId("account-menu")).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("Tab");
  await expect(accountMenu.getByRole("link", { name: "Team" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(accountMenu).toBeHidden();
  await expect(page.getByTestId("account-menu")).toBeFocused();
  await expect(page).toHaveURL(threadUrl(ids[2]));
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);

  // Enter opens the row with the cursor; u goes back.
  await page.keyboard.press("j");
  await expect.poll(() => focusedId(page)).not.toBeNull();
  const entered = await focusedId(page);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(threadUrl(entered));
  await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible();
  await page.keyboard.press("u");
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);

  // Shift+U on a read row marks it unread; in its open thread, marks it and goes back.
  const readRow = rows(page).filter({ hasNot: page.getByTestId("unread-badge") }).first();
  const readId = await readRow.getAttribute("data-conversation-id");
  const row = rowOf(page, readId);
  await row.focus();
  await page.keyboard.press("Shift+U");
  await expect(row.getByTestId("unread-badge")).toBeVisible();
  await page.keyboard.press("o");
  await expect(row.getByTestId("unread-badge")).toHaveCount(0);
  await page.getByTestId("thread-view").getByTestId("message").first().click();
  await page.keyboard.press("Shift+U");
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);
  await expect(row.getByTestId("unread-badge")).toBeVisible();

  // / goes to the search field (the slash is not typed); keys typed there are text, not shortcuts.
  await page.keyboard.press("/");
  const search = page.getByTestId("inbox-search");
  await expect(search).toBeFocused();
  await page.keyboard.type("jk?");
  await expect(search).toHaveValue("jk?");
  await expect(page.getByTestId("shortcuts-help")).toBeHidden();
  await expect(page).toHaveURL(/\?q=jk%3F$/);
  // Escape clears the field, and Escape again gives focus back to the list's cursor row, not the page.
  await page.keyboard.press("Escape");
  await expect(search).toHaveValue("");
  await page.keyboard.press("Escape");
  await expect.poll(() => focusedId(page)).not.toBeNull();

  // Tabbing on past the account menu's items closes it, so the shortcuts it holds off work again.
  await page.getByTestId("account-menu").click();
  await expect(accountMenu).toBeVisible();
  for (const name of ["Team", "Sign out"]) {
    await page.keyboard.press("Tab");
    await expect(accountMenu.getByRole(name === "Team" ? "link" : "button", { name })).toBeFocused();
  }
  await page.keyboard.press("Tab");
  await expect(accountMenu).toBeHidden();
  await expect(page.getByTestId("account-menu")).toHaveAttribute("aria-expanded", "false");
});

test("the account switcher: arrow keys only move the choice (no inbox opens on the way); Escape puts it back, Enter opens the one chosen", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  await expect(rows(page).first()).toBeVisible();
  const select = page.getByLabel("Account");
  await expect(select).toBeEnabled();
  await select.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(select).not.toHaveValue("linkup");
  await page.keyboard.press("Escape");
  await expect(select).toHaveValue("linkup");
  await expect(page).toHaveURL(/\/a\/linkup\/inbox$/);

  await page.keyboard.press("ArrowDown");
  const chosen = await select.inputValue();
  expect(chosen).not.toBe("linkup");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/a/${escapeRegExp(chosen)}/inbox$`));
  await expect(select).toHaveValue(chosen);
});

test("a category chip followed from the keyboard keeps focus on the chip of the list it opened", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  await expect(rows(page).first()).toBeVisible();
  await expectInboxLive(page);
  const unread = page.locator('[data-testid="category-tab"][data-category="UNREAD"]');
  await unread.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/a\/linkup\/unread$/);
  await expect(unread).toHaveAttribute("aria-current", "page");
  await expect(unread).toBeFocused();
});

test("j walks on past the rows rendered at first (the list renders only those near the viewport)", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  await expect(rows(page).first()).toBeVisible();
  await expectInboxLive(page);
  const rendered = await rows(page).count();
  const focusedPosition = () => page.evaluate(() => document.activeElement?.closest("li")?.getAttribute("aria-posinset") ?? null);
  for (let position = 1; position <= rendered + 3; position++) {
    await page.keyboard.press("j");
    await expect.poll(focusedPosition).toBe(String(position));
  }
  await expect(page.locator("li").filter({ has: page.locator(":focus") })).toBeInViewport();
  for (let position = rendered + 2; position >= 1; position--) {
    await page.keyboard.press("k");
    await expect.poll(focusedPosition).toBe(String(position));
  }
});

/**
 * In Unread, j j Enter: the second conversation opens, is read and leaves the list, and focus goes
 * to the row that took its place, not the page. The first four rows' ids, as they were.
 */
async function openSecondUnreadByKeys(page: Page): Promise<(string | null)[]> {
  await page.goto("/a/linkup/unread");
  await expect(rows(page).nth(3)).toBeVisible();
  await expectInboxLive(page);
  const ids = await rows(page).evaluateAll((els) => els.slice(0, 4).map((el) => el.getAttribute("data-conversation-id")));
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await expect.poll(() => focusedId(page)).toBe(ids[1]);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(threadUrl(ids[1]));
  await expect(rowOf(page, ids[1])).toHaveCount(0);
  await expect.poll(() => focusedId(page)).toBe(ids[2]);
  return ids;
}

test("in Unread, a row marked read from its ⋯ button (clicked, the row never focused) hands focus to the row after it", async ({ page }) => {
  await page.goto("/a/linkup/unread");
  await expect(rows(page).first()).toBeVisible();
  await expectInboxLive(page);
  const ids = await rows(page).evaluateAll((list) => list.map((row) => (row as HTMLElement).dataset.conversationId ?? ""));
  expect(ids.length).toBeGreaterThan(1);
  await page.locator("li", { has: rowOf(page, ids[0]) }).getByTestId("row-actions").click();
  await page.getByTestId("row-actions-sheet").getByTestId("row-mark-read").click();
  await expect(rowOf(page, ids[0])).toHaveCount(0);
  await expect.poll(() => focusedId(page)).toBe(ids[1]);
});

test("in Unread, a conversation just read hands the cursor to the row after it: focus moves there, and j and k go on from there", async ({ page }) => {
  const ids = await openSecondUnreadByKeys(page);
  await page.keyboard.press("j");
  await expect.poll(() => focusedId(page)).toBe(ids[3]);

  // The same from the thread: focus in the thread, k goes on from the row the cursor moved to.
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(threadUrl(ids[3]));
  await expect(rowOf(page, ids[3])).toHaveCount(0);
  await page.getByTestId("thread-view").getByTestId("message").first().click();
  await page.keyboard.press("k");
  await expect.poll(() => focusedId(page)).toBe(ids[2]);
});

test("in Unread, Shift+U in a thread just opened marks that thread unread, not the row the cursor went on to when it was read and left", async ({ page }) => {
  const ids = await openSecondUnreadByKeys(page);
  // The thread marks itself and leaves (the list, marking the focused row, would stay on the thread).
  await page.keyboard.press("Shift+U");
  await expect(page).toHaveURL(/\/a\/linkup\/unread$/);
  // Kept as the rep's: Unread, asked again, has it back.
  await expect
    .poll(async () => {
      const answer = await page.request.get("/api/accounts/linkup/conversations?category=UNREAD&limit=20");
      const body = (await answer.json()) as { conversations: { id: string; unreadCount: number }[] };
      return body.conversations.find((conversation) => conversation.id === ids[1])?.unreadCount ?? 0;
    })
    .toBeGreaterThan(0);
});

test("in Unread, j after a conversation opened by a click and read goes to the row after it, not past it (the cursor moved there unseen)", async ({ page }) => {
  await page.goto("/a/linkup/unread");
  await expect(rows(page).nth(3)).toBeVisible();
  await expectInboxLive(page);
  const ids = await rows(page).evaluateAll((els) => els.slice(0, 3).map((el) => el.getAttribute("data-conversation-id")));

  await rowOf(page, ids[0]).click();
  await expect(page).toHaveURL(threadUrl(ids[0]));
  await expect(rowOf(page, ids[0])).toHaveCount(0);
  await page.keyboard.press("j");
  await expect.poll(() => focusedId(page)).toBe(ids[1]);
  // And the cursor shows.
  await expect.poll(() => rowOf(page, ids[1]).evaluate((el) => el.matches(":focus-visible"))).toBe(true);
  await page.keyboard.press("j");
  await expect.poll(() => focusedId(page)).toBe(ids[2]);

  // Reading in the thread (focus there), j goes to the row after the one just read, too.
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(threadUrl(ids[2]));
  await expect(rowOf(page, ids[2])).toHaveCount(0);
  const next = await rows(page).evaluateAll((els, after) => {
    const all = els.map((el) => el.getAttribute("data-conversation-id"));
    return all[all.indexOf(after ?? "") + 1] ?? null;
  }, ids[1]);
  await page.getByTestId("thread-view").getByTestId("message").first().click();
  await page.keyboard.press("j");
  await expect.poll(() => focusedId(page)).toBe(next);

  // Closed while focus is in it, a thread whose row left the list gives focus to the row after it.
  await page.keyboard.press("Enter");
  await expect(rowOf(page, next)).toHaveCount(0);
  await page.getByTestId("thread-view").getByTestId("message").first().click();
  const after = await rows(page).evaluateAll((els, before) => {
    const all = els.map((el) => el.getAttribute("data-conversation-id"));
    return all[all.indexOf(before ?? "") + 1] ?? null;
  }, ids[1]);
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/\/a\/linkup\/unread$/);
  await expect.poll(() => focusedId(page)).toBe(after);
});

test("a focused row scrolled out of the rendered rows stays where the rep left it: more conversations loading does not pull the list back", async ({ page }) => {
  await page.goto("/a/linkup/inbox");
  await expect(rows(page).first()).toBeVisible();
  await expectInboxLive(page);
  await page.keyboard.press("j");
  const first = await focusedId(page);
  expect(first).not.toBeNull();
  const loaded = () => page.getByTestId("conversation-list").getAttribute("data-conversation-count").then(Number);
  const scrollTop = () => page.getByTestId("inbox-list").evaluate((el) => el.scrollTop);
  await page.getByTestId("inbox-list").hover();
  await page.mouse.wheel(0, 2_000);
  // Out of the rendered rows, and focus with it.
  await expect(rowOf(page, first)).toHaveCount(0);
  // Each turn of the wheel takes the list to its end, and the next page loads.
  for (let turn = 0; turn < 2; turn++) {
    const count = await loaded();
    const top = await scrollTop();
    await page.mouse.wheel(0, 2_000);
    await expect.poll(loaded).toBeGreaterThan(count);
    // The page that landed took no focus for the rep and moved the list nowhere.
    expect(await focusedId(page)).toBeNull();
    expect(await scrollTop()).toBeGreaterThan(top);
  }
});
