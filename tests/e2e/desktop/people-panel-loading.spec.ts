import { expect, test } from "@playwright/test";
import { clearPeople } from "../support/accounts";
import { ACCOUNTS } from "../support/env";
import { HELD_LOAD, holdLaterScripts } from "../support/later-scripts";
import { expectLive, isLive } from "../support/live-control";

/**
 * The people panel (Linked API accounts only) is rendered by the server, and its code is asked for
 * as the shell hydrates (components/inbox-shell.tsx), so no other account's pages load it. Until it
 * arrives, the server's panel stays on screen, even when the shell around it renders again (on a
 * desktop it does, as it learns its size); what the rep types and picks in it meanwhile is kept,
 * and then the panel works.
 */

test("a Linked API inbox opened by its URL keeps the server's people panel, and what is typed in it, while its code loads", async ({ page, request }) => {
  await clearPeople(request);
  const path = `/a/${ACCOUNTS.linkedApi}/inbox`;
  const { held, release } = await holdLaterScripts(page, path);
  await page.goto(path, HELD_LOAD);
  const panel = page.getByTestId("people-panel");
  const add = panel.getByTestId("add-person");
  const url = panel.getByLabel("LinkedIn profile URL");
  const salesNavigator = panel.getByRole("radio", { name: "Sales Navigator" });
  await expect(add).toBeVisible();

  // The shell is live (and has rendered again for the desktop's size); the panel's code is held.
  await expectLive(page.getByTestId("inbox-search"));
  await expect(page.getByText("Add a LinkedIn profile above")).toBeVisible();
  expect(await isLive(add)).toBe(false);
  // A script counts as held once the route has fetched it, a moment after the page asked: wait for it.
  await expect.poll(() => held.length).toBeGreaterThan(0);

  // The rep starts before the panel is live: the page itself takes the words and the choice.
  await url.fill("https://example.com/in/someone");
  await panel.getByTestId("channel-salesNavigator").click();
  await expect(salesNavigator).toBeChecked();

  await release();
  await expectLive(add);
  await expect(url).toHaveValue("https://example.com/in/someone");
  await add.click();
  await expect(panel.getByRole("alert")).toContainText("LinkedIn profile");
  await expect(url).toHaveValue("https://example.com/in/someone");
  await expect(salesNavigator).toBeChecked();
});
