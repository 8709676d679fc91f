import { FIXTURE_SELF } from "../../fake-upstream/fixture-mailbox";

/** Ports and credentials of the browser-test setup. Every secret is distinctive so a leak is findable. */
export const E2E = {
  appPort: 3100,
  demoPort: 3101,
  /** The Linked API restart test runs its own app server here. */
  restartPort: 3102,
  fakeUpstreamPort: 4010,
  appUrl: "http://127.0.0.1:3100",
  demoUrl: "http://127.0.0.1:3101",
  fakeUpstreamUrl: "http://127.0.0.1:4010",
  linkupKey: "e2e-linkup-key-7f3a9c1d55",
  linkupAccountId: "acc_fake",
  linkupLoginToken: "e2e-li-at-cookie-3b8e0d2a91",
  connectSafelyKey: "e2e-connectsafely-key-c41d7e08",
  connectSafelyAccountId: "507f1f77bcf86cd799439011",
  linkedApiToken: "e2e-linkedapi-token-9a0c55e4",
  linkedApiIdentificationToken: "e2e-linkedapi-ident-5f1e2b6d",
  selfProfileUrl: FIXTURE_SELF.profileUrl,
  /** The app server's per-attempt provider timeout in browser tests. */
  upstreamTimeoutMs: 2_000,
  /** How long the fake Linked API takes to synchronize a conversation. */
  linkedApiSyncMs: 2_000,
} as const;

/** Every secret the app server holds: none may ever reach a browser. */
export const E2E_SECRETS = [E2E.linkupKey, E2E.linkupAccountId, E2E.linkupLoginToken, E2E.connectSafelyKey, E2E.linkedApiToken, E2E.linkedApiIdentificationToken] as const;

/** The app server's accounts: Linkup v2 from the single-account variables, the others from THREADLINE_ACCOUNTS. */
export const ACCOUNTS = {
  linkupV2: "linkup",
  linkupV1: "linkup-v1",
  connectSafely: "connectsafely",
  linkedApi: "linkedapi",
} as const;

export function threadlineAccountsJson(fakeUpstreamUrl: string = E2E.fakeUpstreamUrl): string {
  return JSON.stringify([
    {
      id: ACCOUNTS.linkupV1,
      provider: "linkup-v1",
      label: "Riley · Linkup v1",
      apiKey: E2E.linkupKey,
      loginToken: E2E.linkupLoginToken,
      country: "US",
      profileUrl: E2E.selfProfileUrl,
      baseUrl: `${fakeUpstreamUrl}/v1`,
    },
    {
      id: ACCOUNTS.connectSafely,
      provider: "connectsafely",
      label: "Riley · ConnectSafely",
      apiKey: E2E.connectSafelyKey,
      accountId: E2E.connectSafelyAccountId,
      baseUrl: `${fakeUpstreamUrl}/linkedin`,
    },
    {
      id: ACCOUNTS.linkedApi,
      provider: "linkedapi",
      label: "Riley · Linked API",
      token: E2E.linkedApiToken,
      identificationToken: E2E.linkedApiIdentificationToken,
      baseUrl: `${fakeUpstreamUrl}/linkedapi`,
    },
  ]);
}
