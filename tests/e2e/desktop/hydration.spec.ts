import { expect, test } from "@playwright/test";
import { conversationsPageSchema } from "@/lib/contracts/api";
import { fakeUpstream } from "../support/fake-upstream";

/**
 * Issue 11: a thread opened by its URL hydrates without a mismatch (React #418) and without any
 * console error, 20 loads in a row with the CPU slowed 4× (where the app shell's own requests used
 * to answer before the thread's page had hydrated), in a time zone and language not the server's.
 */

// Not the server's time zone or language: what depends on them must not be in the server's HTML.
test.use({ timezoneId: "Pacific/Chatham", locale: "de-DE" });

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
});

test("20 direct thread loads on a 4× slower CPU: no console error, no hydration mismatch", async ({ page }) => {
  test.setTimeout(240_000);
  const inbox = conversationsPageSchema.parse(await (await page.request.get("/api/accounts/linkup/conversations?limit=20")).json());
  const ids = inbox.conversations.map((conversation) => conversation.id);
  expect(ids.length).toBeGreaterThan(4);

  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text().slice(0, 300));
  });
  page.on("pageerror", (error) => errors.push(error.message.slice(0, 300)));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });

  for (let load = 0; load < 20; load++) {
    const id = ids[load % ids.length]!;
    await page.goto(`/a/linkup/inbox/c/${encodeURIComponent(id)}`);
    await expect(page.getByTestId("thread-view").getByTestId("message").first()).toBeVisible({ timeout: 30_000 });
    // The shell's list is there too: both halves have hydrated and rendered their data.
    await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  }
  expect(errors).toEqual([]);
});
