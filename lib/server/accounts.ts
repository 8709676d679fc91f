import "server-only";
import type { Account } from "@/lib/contracts/api";
import { createDemoLinkupFetch, DEMO_ACCOUNT } from "@/lib/server/demo";
import { getEnv, type Env } from "@/lib/server/env";
import { ApiError } from "@/lib/server/errors";
import { createLinkupV2Provider } from "@/lib/server/providers/linkup-v2/adapter";
import type { InboxProvider } from "@/lib/server/providers/types";

type AccountEntry = { summary: Account; provider: InboxProvider };

/**
 * Which accounts exist: the configured provider accounts, or, with none configured, the built-in
 * demo account, which runs the real Linkup v2 adapter against an in-process simulator.
 */
export function buildAccounts(env: Env, demoFetch: () => typeof fetch): AccountEntry[] {
  if (env.LINKUP_API_KEY && env.LINKUP_ACCOUNT_ID) {
    const provider = createLinkupV2Provider({
      baseUrl: env.LINKUP_BASE_URL,
      fetch: globalThis.fetch,
      timeoutMs: env.UPSTREAM_TIMEOUT_MS,
      apiKey: env.LINKUP_API_KEY,
      accountId: env.LINKUP_ACCOUNT_ID,
      selfProfileUrl: env.LINKUP_PROFILE_URL,
    });
    return [entry("linkup", env.LINKUP_ACCOUNT_LABEL ?? "LinkedIn (Linkup)", "linkup-v2", false, provider)];
  }
  const demo = createLinkupV2Provider({
    baseUrl: "https://demo.threadline.invalid/v2",
    fetch: demoFetch(),
    timeoutMs: env.UPSTREAM_TIMEOUT_MS,
    apiKey: DEMO_ACCOUNT.apiKey,
    accountId: DEMO_ACCOUNT.accountId,
    selfProfileUrl: DEMO_ACCOUNT.selfProfileUrl,
  });
  return [entry("demo", DEMO_ACCOUNT.label, "linkup-v2", true, demo)];
}

function entry(id: string, label: string, providerName: string, isDemo: boolean, provider: InboxProvider): AccountEntry {
  return { summary: { id, label, provider: providerName, isDemo, capabilities: provider.capabilities }, provider };
}

let accounts: AccountEntry[] | undefined;

function allAccounts(): AccountEntry[] {
  accounts ??= buildAccounts(getEnv(), () => createDemoLinkupFetch());
  return accounts;
}

export function listAccountSummaries(): Account[] {
  return allAccounts().map((account) => account.summary);
}

export function providerFor(accountId: string): InboxProvider {
  const found = allAccounts().find((account) => account.summary.id === accountId);
  if (!found) throw new ApiError("not_found", `No account "${accountId}".`);
  return found.provider;
}
