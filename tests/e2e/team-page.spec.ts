import { expect, test } from "@playwright/test";
import { hasNoHorizontalScroll } from "./support/screens";
import { expectTouchTarget } from "./support/size";

/**
 * The Team page at each size, as the admin (signed in by global-setup.ts); its flows are
 * phone/auth.spec.ts.
 */

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

test("the Team page: every control of the invite card, the invitations and the member rows is a 44px touch target, nothing scrolls sideways, and the page scrolls to its end", async ({ page }) => {
  const email = `rep-size-${unique()}@threadline.test`;
  await page.goto("/team");
  await expect(page.getByTestId("members-card").getByTestId("member").first()).toBeVisible();
  const inviteCard = page.getByTestId("invite-card");
  await inviteCard.getByLabel("Their work email").fill(email);
  await inviteCard.getByRole("button", { name: "Create invitation link" }).click();
  await expect(inviteCard.getByLabel("Invitation link")).toBeVisible();
  const invitation = page.getByTestId("invitations-card").getByRole("listitem").filter({ hasText: email });
  await expect(invitation).toBeVisible();
  // The form starts over: a second click would make a second link and end the one just shown.
  await expect(inviteCard.getByLabel("Their work email")).toHaveValue("");

  // The link is shown once: "Copied" only when it was (a browser that refuses the clipboard, played
  // here by the page's own clipboard API, gets told to copy it by hand), and then when it is.
  const copy = inviteCard.getByRole("button", { name: /^Cop(y|ied)$/ });
  await page.evaluate(() => Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: () => Promise.reject(new Error("denied")) } }));
  await copy.click();
  await expect(inviteCard.getByText("select the link and copy it yourself")).toBeVisible();
  await expect(copy).toHaveText("Copy");
  await page.evaluate(() => Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: () => Promise.resolve() } }));
  await copy.click();
  await expect(copy).toHaveText("Copied");
  await expect(inviteCard.getByText("select the link and copy it yourself")).toHaveCount(0);

  const controls = page
    .locator('[data-testid="invite-card"], [data-testid="invitations-card"] li, [data-testid="member"]')
    .locator('input:not([type="checkbox"]), select, button, label:has(> input[type="checkbox"])');
  const all = await controls.all();
  // The email, role, 4 accounts, submit, the link and Copy; a Revoke; and the admin's own row at least.
  expect(all.length).toBeGreaterThanOrEqual(10);
  for (const control of all) await expectTouchTarget(control);
  await expect.poll(() => hasNoHorizontalScroll(page)).toBe(true);

  // The page scrolls as a whole under a finger or a wheel (the inbox's shell scrolls only inside its panes).
  await page.mouse.move(100, 400);
  await page.mouse.wheel(0, 10_000);
  await expect(page.getByTestId("usage-card")).toBeInViewport();

  await invitation.getByRole("button", { name: `Revoke the invitation for ${email}` }).click();
  await expect(invitation).toHaveCount(0);
  // Its link is not offered any more.
  await expect(inviteCard.getByLabel("Invitation link")).toHaveCount(0);
});

test("an email the browser lets through but the server refuses is named as the problem, and the admin can correct it", async ({ page }) => {
  await page.goto("/team");
  const inviteCard = page.getByTestId("invite-card");
  const email = inviteCard.getByLabel("Their work email");
  // Valid to the browser's type=email (no dot needed after the @); not an address an invitation can go to.
  await email.fill(`rep-${unique()}@localhost`);
  await inviteCard.getByRole("button", { name: "Create invitation link" }).click();
  await expect(inviteCard.getByText("That email address doesn't look right.")).toBeVisible();
  // Not the server's parameter check, word for word.
  await expect(inviteCard.getByText("Invalid body parameters", { exact: false })).toHaveCount(0);
  await expect(inviteCard.getByLabel("Invitation link")).toHaveCount(0);

  const corrected = `rep-${unique()}@threadline.test`;
  await email.fill(corrected);
  await inviteCard.getByRole("button", { name: "Create invitation link" }).click();
  await expect(inviteCard.getByLabel("Invitation link")).toBeVisible();
  await expect(inviteCard.getByText("That email address doesn't look right.")).toHaveCount(0);
  const invitation = page.getByTestId("invitations-card").getByRole("listitem").filter({ hasText: corrected });
  await invitation.getByRole("button", { name: "Revoke" }).click();
  await expect(invitation).toHaveCount(0);
});
