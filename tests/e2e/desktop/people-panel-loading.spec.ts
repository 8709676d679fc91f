import { expect, test, type Locator } from "@playwright/test";
import { clearPeople } from "../support/accounts";
import { ACCOUNTS } from "../support/env";
import { HELD_LOAD, holdLaterScripts } from "../support/later-scripts";

/**
 * The people panel (Linked API accounts) is rendered by the server, and its code loads after the
 * page's first scripts (lib/client/lazy-code.ts). Until it arrives, the server's panel stays on
 * screen, even when the shell around it renders again (on a desktop it does, as it learns its size),
 * and the list below does not jump; then the panel works.
 */

const isLive = (control: Locator) => control.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactProps$")));

test("a Linked API inbox opened by its URL keeps the server's people panel while its code loads, then the panel works", async ({ page, request }) => {
  await clearPeople(request);
  const path = `/a/${ACCOUNTS.linkedApi}/inbox`;
  const { held, release } = await holdLaterScripts(page, path);
  await page.goto(path, HELD_LOAD);
  const panel = page.getByTestId("people-panel");
  const add = panel.getByTestId("add-person");
  await expect(add).toBeVisible();

  // The shell is live (and has rendered again for the desktop's size); the panel's code is held.
  await expect.poll(() => isLive(page.getByTestId("inbox-search"))).toBe(true);
  await expect(page.getByText("Add a LinkedIn profile above")).toBeVisible();
  expect(await isLive(add)).toBe(false);
  await expect(add).toBeVisible();
  expect(held.length).toBeGreaterThan(0);

  release();
  await expect.poll(() => isLive(add)).toBe(true);
  await panel.getByLabel("LinkedIn profile URL").fill("https://example.com/in/someone");
  await add.click();
  await expect(panel.getByRole("alert")).toContainText("LinkedIn profile");
});
