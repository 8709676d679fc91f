import { request } from "@playwright/test";
import { ADMIN_STATE, E2E } from "./env";
import { signInByApi } from "./sign-in";

/**
 * Both app servers start from one command: wait until the demo one answers too. Then sign the
 * admin in once for the whole run (creating the account the first time, as /setup does), so every
 * test starts signed in without paying for it.
 */
export default async function globalSetup(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (const url of [`${E2E.appUrl}/sign-in`, `${E2E.demoUrl}/api/accounts`]) {
    for (;;) {
      const ok = await fetch(url).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`${url} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const context = await request.newContext({ baseURL: E2E.appUrl });
  await signInByApi(context, E2E.admin);
  await context.storageState({ path: ADMIN_STATE });
  await context.dispose();
}
