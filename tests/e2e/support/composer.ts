import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { longThreadId } from "./accounts";
import { fakeUpstream } from "./fake-upstream";

// The thread's composer and how to reach it, for the reply tests at each size.

/** Opens Lena Longthread's conversation on this account (Linked API: once her sync is ready). */
export async function openLongThread(page: Page, request: APIRequestContext, accountId: string): Promise<{ thread: Locator; fixtureId: string }> {
  const conversationId = await longThreadId(request, accountId);
  const [fixtureId] = await fakeUpstream(request).conversationIds();
  await page.goto(`/a/${accountId}/inbox/c/${encodeURIComponent(conversationId)}`);
  const thread = page.getByTestId("thread-view");
  await expect(thread.getByTestId("message").first()).toBeVisible();
  await expect(messageBox(page)).toBeVisible();
  return { thread, fixtureId: fixtureId! };
}

export const messageBox = (page: Page) => page.getByLabel("Message", { exact: true });
export const sendButton = (page: Page) => page.getByRole("button", { name: "Send", exact: true });
