import { FIXTURE_SELF } from "../../fake-upstream/fixture-mailbox";

/** The Linkup v2 account the session bench watches, answered in-process by the simulator at this address. */
export const SESSION_ACCOUNT = {
  id: "session",
  apiKey: "session-bench-key",
  linkupAccountId: "acc_session",
  baseUrl: "http://linkup.session.bench/v2",
} as const;

/** The env of the session bench's process: that one account, an in-memory database, limits out of the way. */
export function sessionProcessEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(LINKUP_|CONNECTSAFELY_|LINKEDAPI_|THREADLINE_|DATABASE_URL$|PGLITE_DATA_DIR$|BETTER_AUTH_|OIDC_)/.test(key)) delete env[key];
  }
  return {
    ...env,
    THREADLINE_ACCOUNTS: JSON.stringify([
      {
        id: SESSION_ACCOUNT.id,
        provider: "linkup-v2",
        apiKey: SESSION_ACCOUNT.apiKey,
        accountId: SESSION_ACCOUNT.linkupAccountId,
        baseUrl: SESSION_ACCOUNT.baseUrl,
        profileUrl: FIXTURE_SELF.profileUrl,
      },
    ]),
    PGLITE_DATA_DIR: "memory://",
    THREADLINE_PROVIDER_CALLS_PER_MINUTE: "100000",
    THREADLINE_DAILY_CREDIT_BUDGET: "100000000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}
