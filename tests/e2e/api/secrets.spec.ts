import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { E2E } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

test("the provider key is in no static asset, no page's HTML and no API response", async ({ request }) => {
  const files = await filesUnder(".next/static");
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    expect((await readFile(file)).includes(E2E.linkupKey), file).toBe(false);
  }

  const [conversationId] = await fakeUpstream(request).conversationIds();
  const id = encodeURIComponent(conversationId!);
  const urls = [
    "/",
    "/api/accounts",
    "/api/accounts/linkup/conversations",
    `/api/accounts/linkup/conversations/${id}/messages`,
    `/api/accounts/linkup/conversations/${id}/messages?since=0`,
    "/api/accounts/linkup/conversations?cursor=bad",
  ];
  for (const url of urls) {
    const body = await (await request.get(url)).text();
    expect(body, url).not.toContain(E2E.linkupKey);
    expect(body, url).not.toContain(E2E.linkupAccountId);
  }
  await fakeUpstream(request).fail({ status: 403, body: { success: false, error: { code: "INVALID_API_KEY", message: `bad key ${E2E.linkupKey}` } } });
  const failed = await (await request.get("/api/accounts/linkup/conversations")).text();
  expect(failed).not.toContain(E2E.linkupKey);
});
