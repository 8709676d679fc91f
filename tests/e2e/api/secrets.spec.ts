import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { addPersonAndWait, clearPeople, LENA_PROFILE_URL, longThreadId, PROVIDER_ACCOUNTS } from "../support/accounts";
import { ACCOUNTS, E2E_SECRETS } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function expectNoSecret(request: APIRequestContext, url: string, init?: { method: "POST"; data: unknown }): Promise<void> {
  const response = init ? await request.post(url, { data: init.data }) : await request.get(url);
  const body = await response.text();
  for (const secret of E2E_SECRETS) expect(body, `${url} leaks a secret`).not.toContain(secret);
  for (const [name, value] of Object.entries(response.headers())) {
    for (const secret of E2E_SECRETS) expect(value, `${url} header ${name}`).not.toContain(secret);
  }
}

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
  await clearPeople(request);
});

test("no provider key, token or cookie is in any static asset", async () => {
  const files = await filesUnder(".next/static");
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const content = await readFile(file);
    for (const secret of E2E_SECRETS) expect(content.includes(secret), `${file} holds a secret`).toBe(false);
  }
});

test("no provider key, token or cookie is in any page's HTML or any API answer, on any provider", async ({ request }) => {
  await expectNoSecret(request, "/");
  await expectNoSecret(request, "/api/accounts");
  for (const account of PROVIDER_ACCOUNTS) {
    const conversationId = encodeURIComponent(await longThreadId(request, account.id));
    for (const url of [
      `/a/${account.id}/inbox`,
      `/a/${account.id}/inbox/c/${conversationId}`,
      `/api/accounts/${account.id}/conversations`,
      `/api/accounts/${account.id}/conversations/${conversationId}/messages`,
      `/api/accounts/${account.id}/conversations/${conversationId}/messages?since=0`,
      `/api/accounts/${account.id}/conversations?cursor=bad`,
      `/api/accounts/${account.id}/people`,
    ]) {
      await expectNoSecret(request, url);
    }
  }
  await expectNoSecret(request, `/api/accounts/${ACCOUNTS.linkedApi}/people`, { method: "POST", data: { profileUrl: "linkedin.com/in/someone-new-1" } });
});

test("a provider error that quotes our credentials never reaches the browser", async ({ request }) => {
  const upstream = fakeUpstream(request);
  const quoting = `rejected ${E2E_SECRETS.join(" ")}`;
  const cases: { account: string; operation: string; status: number; body: unknown }[] = [
    { account: ACCOUNTS.linkupV2, operation: "list_inbox", status: 403, body: { success: false, error: { code: "INVALID_API_KEY", message: quoting } } },
    { account: ACCOUNTS.linkupV1, operation: "v1:inbox", status: 401, body: { status: "error", message: quoting } },
    { account: ACCOUNTS.connectSafely, operation: "cs:recent-messages", status: 401, body: { error: quoting } },
    { account: ACCOUNTS.linkedApi, operation: "la:get", status: 401, body: { status: "error", error: { errorType: "invalidAccountApiToken", message: quoting } } },
  ];
  await addPersonAndWait(request, LENA_PROFILE_URL);
  for (const { account, operation, status, body } of cases) {
    await upstream.fail({ action: operation, status, body, times: 10 });
    await expectNoSecret(request, `/api/accounts/${account}/conversations`);
    await upstream.clearFaults();
  }
});
