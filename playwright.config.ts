import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { ADMIN_STATE, APP_SERVER_LOG, appServerEnv, E2E, RUN_DIR } from "./tests/e2e/support/env";

/**
 * Browser tests against a production build (`next build` + `next start`), with providers played by
 * the local fake upstream and the company identity provider by a real OpenID Connect server (each
 * its own process). Two app servers share one build: one with an account on each of the four
 * providers, all pointed at the fake, sign-in on; and one with no provider at all (the demo).
 */
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

mkdirSync(RUN_DIR, { recursive: true });
const appEnv = appServerEnv({ port: E2E.appPort, dataDir: join(RUN_DIR, "pglite") });
// The demo server is the same build with none of that: no provider, no sign-in.
const demoUnset = Object.keys(appEnv)
  .filter((name) => name !== "NEXT_TELEMETRY_DISABLED" && name !== "UPSTREAM_TIMEOUT_MS")
  .map((name) => `-u ${name}`)
  .join(" ");

// Node closes an idle keep-alive socket after 5 s; a test's request sent on it as it closes fails
// with ECONNRESET. The servers tests call keep idle sockets longer than any test (as the fake does).
const idleSockets = "--keepAliveTimeout 600000";

export default defineConfig({
  testDir: "tests/e2e",
  // The fake upstream's state (new messages, faults) is shared, so tests run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  globalSetup: "./tests/e2e/support/global-setup.ts",
  use: {
    baseURL: E2E.appUrl,
    // Signed in as the admin (global-setup.ts); the sign-in tests start from a blank state themselves.
    storageState: ADMIN_STATE,
    // A failed test keeps its trace (DOM snapshots, network, console) and a screenshot of the end;
    // not a screencast of every step, which on two cores slows every test to keep a few.
    trace: { mode: "retain-on-failure", screenshots: false, snapshots: true, sources: true },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
    },
  },
  projects: [
    { name: "api", testMatch: /api\/.*\.spec\.ts/ },
    { name: "phone", testIgnore: /\/(api|desktop)\//, use: { ...devices["Pixel 7"], viewport: { width: 360, height: 800 }, deviceScaleFactor: 2, browserName: "chromium" } },
    { name: "desktop", testIgnore: /\/(api|phone)\//, use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 }, browserName: "chromium" } },
  ],
  webServer: [
    {
      command: "npm run fake-upstream",
      url: `${E2E.fakeUpstreamUrl}/__control/health`,
      reuseExistingServer: !process.env.CI,
      env: {
        FAKE_UPSTREAM_PORT: String(E2E.fakeUpstreamPort),
        FAKE_LINKUP_API_KEY: E2E.linkupKey,
        FAKE_LINKUP_ACCOUNT_ID: E2E.linkupAccountId,
        FAKE_LINKUP_LOGIN_TOKEN: E2E.linkupLoginToken,
        FAKE_CONNECTSAFELY_API_KEY: E2E.connectSafelyKey,
        FAKE_CONNECTSAFELY_ACCOUNT_ID: E2E.connectSafelyAccountId,
        FAKE_LINKEDAPI_TOKEN: E2E.linkedApiToken,
        FAKE_LINKEDAPI_IDENTIFICATION_TOKEN: E2E.linkedApiIdentificationToken,
        FAKE_LINKEDAPI_SYNC_MS: String(E2E.linkedApiSyncMs),
      },
    },
    {
      command: "npx tsx tests/oidc-server/server.ts",
      url: `${E2E.oidcUrl}/.well-known/openid-configuration`,
      reuseExistingServer: !process.env.CI,
      env: {
        OIDC_PORT: String(E2E.oidcPort),
        OIDC_CLIENT_ID: E2E.oidcClientId,
        OIDC_CLIENT_SECRET: E2E.oidcClientSecret,
        OIDC_REDIRECT_URIS: [E2E.appPort, E2E.restartPort, E2E.limitsPort].map((p) => `http://127.0.0.1:${p}/api/auth/callback/company`).join(","),
        OIDC_USERS: JSON.stringify(E2E.ssoUsers),
      },
    },
    {
      command: `npm run build && (env ${demoUnset} npx next start -p ${E2E.demoPort} ${idleSockets} & npx next start -p ${E2E.appPort} ${idleSockets} 2>&1 | tee -a ${APP_SERVER_LOG})`,
      url: `${E2E.appUrl}/sign-in`,
      timeout: 600_000,
      reuseExistingServer: !process.env.CI,
      // Its log (one line per provider call) goes to APP_SERVER_LOG; errors still show here.
      stdout: "ignore",
      env: appEnv,
    },
  ],
});
