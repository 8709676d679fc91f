import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { E2E, threadlineAccountsJson } from "./tests/e2e/support/env";

/**
 * Browser tests against a production build (`next build` + `next start`), with providers played by
 * the local fake upstream (its own process). Two app servers share one build: one with an account on
 * each of the four providers, all pointed at the fake, and one with no provider at all (the demo).
 */
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

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
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
    },
  },
  projects: [
    { name: "api", testMatch: /api\/.*\.spec\.ts/ },
    { name: "phone", testIgnore: /\/api\//, use: { ...devices["Pixel 7"], viewport: { width: 360, height: 800 }, deviceScaleFactor: 2, browserName: "chromium" } },
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
      command: `npm run build && (env -u LINKUP_API_KEY -u LINKUP_ACCOUNT_ID -u LINKUP_BASE_URL -u LINKUP_PROFILE_URL -u THREADLINE_ACCOUNTS npx next start -p ${E2E.demoPort} & npx next start -p ${E2E.appPort})`,
      url: `${E2E.appUrl}/api/accounts`,
      timeout: 600_000,
      reuseExistingServer: !process.env.CI,
      stdout: "pipe",
      env: {
        LINKUP_API_KEY: E2E.linkupKey,
        LINKUP_ACCOUNT_ID: E2E.linkupAccountId,
        LINKUP_BASE_URL: `${E2E.fakeUpstreamUrl}/v2`,
        LINKUP_PROFILE_URL: E2E.selfProfileUrl,
        THREADLINE_ACCOUNTS: threadlineAccountsJson(),
        // A fresh embedded database per run (Linked API's people); the demo server never opens one.
        PGLITE_DATA_DIR: join(tmpdir(), `threadline-e2e-${process.pid}`),
        // Short, so a hanging provider turns into upstream_timeout within a test's patience (3 attempts).
        UPSTREAM_TIMEOUT_MS: String(E2E.upstreamTimeoutMs),
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  ],
});
