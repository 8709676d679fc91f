import { tmpdir } from "node:os";
import { join } from "node:path";
import { FIXTURE_SELF } from "../../fake-upstream/fixture-mailbox";

/** Lets two checkouts run their browser tests side by side (E2E_PORT_OFFSET=100 → 3200, 4110…). */
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
const port = (base: number) => base + offset;
const local = (p: number) => `http://127.0.0.1:${p}`;

/** Ports and credentials of the browser-test setup. Every secret is distinctive so a leak is findable. */
export const E2E = {
  appPort: port(3100),
  demoPort: port(3101),
  /** The Linked API restart test runs its own app server here. */
  restartPort: port(3102),
  /** The limits tests run their own app server here, with tight limits. */
  limitsPort: port(3103),
  fakeUpstreamPort: port(4010),
  oidcPort: port(4011),
  /** The redirect test's stranger: a server that records whatever reaches it. */
  capturePort: port(4012),
  appUrl: local(port(3100)),
  demoUrl: local(port(3101)),
  fakeUpstreamUrl: local(port(4010)),
  oidcUrl: local(port(4011)),
  linkupKey: "e2e-linkup-key-7f3a9c1d55",
  linkupAccountId: "acc_fake",
  linkupLoginToken: "e2e-li-at-cookie-3b8e0d2a91",
  connectSafelyKey: "e2e-connectsafely-key-c41d7e08",
  connectSafelyAccountId: "507f1f77bcf86cd799439011",
  linkedApiToken: "e2e-linkedapi-token-9a0c55e4",
  linkedApiIdentificationToken: "e2e-linkedapi-ident-5f1e2b6d",
  /** Signs the ConnectSafely account's webhook deliveries (the fake upstream signs with it). */
  connectSafelyWebhookSecret: "e2e-cs-webhook-secret-2d9f7a41c06b58e3a1d4",
  /** Part of the Linked API account's webhook URL. */
  linkedApiWebhookSecret: "e2e-la-webhook-secret-8b3e61f0d27c94a5e7b2",
  selfProfileUrl: FIXTURE_SELF.profileUrl,
  /** Better Auth's secret (it signs sessions). */
  authSecret: "e2e-auth-secret-8c2f41d9a7e65b30c4d1f2e3a4b5c6d7",
  oidcClientId: "e2e-oidc-client",
  oidcClientSecret: "e2e-oidc-secret-61ac93f0b2",
  /** THREADLINE_SETUP_CODE: what a named admin gives to choose a password at /setup. */
  setupCode: "e2e-setup-code-3f7a9c1d5e",
  /** Named by THREADLINE_ADMIN_EMAILS: every other browser test runs signed in as this admin. */
  admin: { email: "ada.admin@threadline.test", name: "Ada Admin", password: "e2e-admin-password-4f9b2c7e" },
  /** People the company identity provider knows (none of them is on the team until invited). */
  ssoUsers: [
    { email: "sam.sso@threadline.test", name: "Sam Sso", password: "e2e-sso-password-a83d5e16" },
    { email: "olga.outsider@threadline.test", name: "Olga Outsider", password: "e2e-sso-password-0b7c4d29" },
  ],
  /** The app server's per-attempt provider timeout in browser tests. */
  upstreamTimeoutMs: 2_000,
  /** How long the fake Linked API takes to synchronize a conversation. */
  linkedApiSyncMs: 2_000,
} as const;

/** Every secret the app server holds: none may ever reach a browser. */
export const E2E_SECRETS = [
  E2E.linkupKey,
  E2E.linkupAccountId,
  E2E.linkupLoginToken,
  E2E.connectSafelyKey,
  E2E.linkedApiToken,
  E2E.linkedApiIdentificationToken,
  E2E.connectSafelyWebhookSecret,
  E2E.linkedApiWebhookSecret,
  E2E.authSecret,
  E2E.setupCode,
  E2E.oidcClientSecret,
  E2E.admin.password,
  ...E2E.ssoUsers.map((user) => user.password),
] as const;

/**
 * One folder per run: the main app server's database and log, the admin's session. Decided by the
 * first process to load this (the runner); its test workers inherit the variable.
 */
export const RUN_DIR = (process.env.E2E_RUN_DIR ??= join(tmpdir(), `threadline-e2e-${process.pid}`));
/** Where the signed-in admin's session is kept for the whole run (global-setup.ts writes it). */
export const ADMIN_STATE = join(RUN_DIR, "admin.json");
/** The app server writes its log here, for the secret scan to read. */
export const APP_SERVER_LOG = join(RUN_DIR, "app-server.log");

/** The env of an app server with the providers configured and sign-in on (the main one, and those tests start). */
export function appServerEnv(options: {
  port: number;
  dataDir: string;
  limits?: Partial<Record<"THREADLINE_API_REQUESTS_PER_MINUTE" | "THREADLINE_PROVIDER_CALLS_PER_MINUTE" | "THREADLINE_DAILY_CREDIT_BUDGET" | "THREADLINE_SIGN_IN_ATTEMPTS_PER_15_MINUTES" | "THREADLINE_LINKEDAPI_MAX_PEOPLE", string>>;
  /** More Linkup v2 accounts on the fake upstream, by id (a meter of their own, for the limits tests). */
  moreLinkupV2Accounts?: string[];
}): Record<string, string> {
  return {
    LINKUP_API_KEY: E2E.linkupKey,
    LINKUP_ACCOUNT_ID: E2E.linkupAccountId,
    LINKUP_BASE_URL: `${E2E.fakeUpstreamUrl}/v2`,
    LINKUP_PROFILE_URL: E2E.selfProfileUrl,
    THREADLINE_ACCOUNTS: threadlineAccountsJson(options.moreLinkupV2Accounts),
    THREADLINE_ADMIN_EMAILS: E2E.admin.email,
    THREADLINE_SETUP_CODE: E2E.setupCode,
    BETTER_AUTH_SECRET: E2E.authSecret,
    BETTER_AUTH_URL: local(options.port),
    OIDC_ISSUER: E2E.oidcUrl,
    OIDC_CLIENT_ID: E2E.oidcClientId,
    OIDC_CLIENT_SECRET: E2E.oidcClientSecret,
    OIDC_PROVIDER_NAME: "Company SSO",
    PGLITE_DATA_DIR: options.dataDir,
    // Short, so a hanging provider turns into upstream_timeout within a test's patience (3 attempts).
    UPSTREAM_TIMEOUT_MS: String(E2E.upstreamTimeoutMs),
    // Room for a whole browser-test run; the limits tests start a server of their own with tight ones.
    THREADLINE_API_REQUESTS_PER_MINUTE: "5000",
    THREADLINE_PROVIDER_CALLS_PER_MINUTE: "5000",
    THREADLINE_DAILY_CREDIT_BUDGET: "10000000",
    THREADLINE_SIGN_IN_ATTEMPTS_PER_15_MINUTES: "50",
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.limits,
  };
}

/** The app server's accounts: Linkup v2 from the single-account variables, the others from THREADLINE_ACCOUNTS. */
export const ACCOUNTS = {
  linkupV2: "linkup",
  linkupV1: "linkup-v1",
  connectSafely: "connectsafely",
  linkedApi: "linkedapi",
} as const;

function threadlineAccountsJson(moreLinkupV2Accounts: string[] = []): string {
  const fakeUpstreamUrl = E2E.fakeUpstreamUrl;
  return JSON.stringify([
    ...moreLinkupV2Accounts.map((id) => ({
      id,
      provider: "linkup-v2",
      label: `Riley · Linkup v2 (${id})`,
      apiKey: E2E.linkupKey,
      accountId: E2E.linkupAccountId,
      profileUrl: E2E.selfProfileUrl,
      baseUrl: `${fakeUpstreamUrl}/v2`,
    })),
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
      webhookSecret: E2E.connectSafelyWebhookSecret,
      baseUrl: `${fakeUpstreamUrl}/linkedin`,
    },
    {
      id: ACCOUNTS.linkedApi,
      provider: "linkedapi",
      label: "Riley · Linked API",
      token: E2E.linkedApiToken,
      identificationToken: E2E.linkedApiIdentificationToken,
      webhookSecret: E2E.linkedApiWebhookSecret,
      baseUrl: `${fakeUpstreamUrl}/linkedapi`,
    },
  ]);
}
