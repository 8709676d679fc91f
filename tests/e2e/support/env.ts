import { FIXTURE_SELF } from "../../fake-upstream/fixture-mailbox";

/** Ports and credentials of the browser-test setup. The key is distinctive so a leak is findable. */
export const E2E = {
  appPort: 3100,
  demoPort: 3101,
  fakeUpstreamPort: 4010,
  appUrl: "http://127.0.0.1:3100",
  demoUrl: "http://127.0.0.1:3101",
  fakeUpstreamUrl: "http://127.0.0.1:4010",
  linkupKey: "e2e-linkup-key-7f3a9c1d55",
  linkupAccountId: "acc_fake",
  selfProfileUrl: FIXTURE_SELF.profileUrl,
  /** The app server's per-attempt provider timeout in browser tests. */
  upstreamTimeoutMs: 2_000,
} as const;
