import { E2E } from "./env";

/** Both app servers start from one command; wait until the demo one answers too. */
export default async function globalSetup(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (const url of [`${E2E.appUrl}/api/accounts`, `${E2E.demoUrl}/api/accounts`]) {
    for (;;) {
      const ok = await fetch(url).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`${url} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
