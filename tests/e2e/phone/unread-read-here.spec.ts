import { expect, test } from "@playwright/test";
import { conversationsPageSchema } from "@/lib/contracts/api";
import { E2E } from "../support/env";

// The demo server (no provider, no sign-in): its read marks live in its memory, for this run.
test.use({ baseURL: E2E.demoUrl, storageState: { cookies: [], origins: [] } });

const enc = encodeURIComponent;

/**
 * Read here, still unread on LinkedIn: the provider keeps answering Unread's first page with rows
 * this rep has read, which the server leaves out. An empty first page that has more after it is
 * not "all caught up": the list goes on to the next page by itself.
 */
test("Unread whose whole first page was read here loads the next page instead of saying it is empty", async ({ page, request }) => {
  const first = conversationsPageSchema.parse(await (await request.get("/api/accounts/demo/conversations?category=UNREAD&limit=20")).json());
  // (Other tests read some of the demo's conversations: the first page may hold fewer than 20.)
  expect(first.conversations.length).toBeGreaterThan(0);
  expect(first.nextCursor).not.toBeNull();
  // Read through the end of time: the demo's live conversations keep getting messages, which would
  // make a row unread again and the page not empty.
  const read = first.conversations.map((row) => ({ id: row.id, readThrough: 8_640_000_000_000_000 }));
  try {
    for (const { id, readThrough } of read) {
      const response = await request.put(`/api/accounts/demo/conversations/${enc(id)}/read`, { data: { readThrough } });
      expect(response.status(), await response.text()).toBe(200);
    }
    // Through the tab: the page asks our API, which applies the marks (the demo keeps them in the
    // API's memory, which a server-rendered page does not share).
    await page.goto("/a/demo/inbox");
    const rows = page.getByTestId("conversation-row");
    await expect(rows.first()).toBeVisible();
    await page.getByTestId("category-tab").filter({ hasText: "Unread" }).click();
    await expect(page).toHaveURL(/\/a\/demo\/unread$/);
    await expect(page.getByTestId("conversation-list")).toHaveAttribute("data-conversation-count", /^[1-9]/);
    await expect(rows.first()).toBeVisible();
    await expect(page.getByText("No conversations in Unread")).toHaveCount(0);
    const shown = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-conversation-id")));
    for (const { id } of read) expect(shown).not.toContain(id);
  } finally {
    // As they were: unread (other tests read the demo too).
    for (const { id } of read) expect((await request.delete(`/api/accounts/demo/conversations/${enc(id)}/read`, { data: {} })).status()).toBe(200);
  }
});
