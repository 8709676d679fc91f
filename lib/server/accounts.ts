import "server-only";
import { processSingleton } from "@/lib/server/process-singleton";
import type { SenderChecks } from "@/lib/server/providers/identity-memory";
import type { Account } from "@/lib/contracts/api";
import { appDatabase, rateCounter } from "@/lib/server/app-database";
import { createDemoLinkupFetch, DEMO_ACCOUNT } from "@/lib/server/demo";
import { createDemoOutbox } from "@/lib/server/demo/outbox";
import { getEnv, type AccountConfig, type Env, type ProviderName } from "@/lib/server/env";
import { ApiError } from "@/lib/server/errors";
import { createProviderMeter } from "@/lib/server/limits/provider-meter";
import { capabilitiesOf } from "@/lib/server/providers/capabilities";
import { createConnectSafelyProvider } from "@/lib/server/providers/connectsafely/adapter";
import { createLinkedApiProvider } from "@/lib/server/providers/linkedapi/adapter";
import { createPeopleStore } from "@/lib/server/providers/linkedapi/store-sql";
import { createLinkupV1Provider } from "@/lib/server/providers/linkup-v1/adapter";
import { createLinkupV2Provider } from "@/lib/server/providers/linkup-v2/adapter";
import { withSharedReads } from "@/lib/server/providers/shared-reads";
import type { InboxProvider, PeopleDirectory } from "@/lib/server/providers/types";
import { mailboxLearner } from "@/lib/server/push/learn-mailbox";
import { webhookOf, type WebhookAccount } from "@/lib/server/push/webhook-config";

type AccountEntry = { summary: Account; provider: InboxProvider; webhook?: WebhookAccount };

const DEFAULT_LABELS: Record<ProviderName, string> = {
  "linkup-v2": "LinkedIn (Linkup)",
  "linkup-v1": "LinkedIn (Linkup v1)",
  connectsafely: "LinkedIn (ConnectSafely)",
  linkedapi: "LinkedIn (Linked API)",
};

/**
 * Which accounts exist: the configured ones (env.accounts: THREADLINE_ACCOUNTS plus the
 * single-account shortcuts), or, with none configured, the built-in demo account, which runs the
 * real Linkup v2 adapter against an in-process simulator.
 */
function buildAccounts(env: Env): AccountEntry[] {
  if (env.accounts.length > 0) return env.accounts.map((config) => configuredAccount(config, env));
  const demo = createLinkupV2Provider({
    baseUrl: "https://demo.threadline.invalid/v2",
    // Its sent replies are data kept per process, so a page's server HTML has what a route sent.
    fetch: createDemoLinkupFetch({ outbox: processSingleton("demo outbox", createDemoOutbox) }),
    timeoutMs: env.UPSTREAM_TIMEOUT_MS,
    apiKey: DEMO_ACCOUNT.apiKey,
    accountId: DEMO_ACCOUNT.accountId,
    selfProfileUrl: DEMO_ACCOUNT.selfProfileUrl,
  });
  return [entry("demo", DEMO_ACCOUNT.label, "linkup-v2", true, demo)];
}

function configuredAccount(config: AccountConfig, env: Env): AccountEntry {
  // Identical reads in flight at once go upstream once (tabs, reps, double taps on one account).
  const provider = withSharedReads(createProvider(config, env));
  return entry(config.id, config.label ?? DEFAULT_LABELS[config.provider], config.provider, false, provider, webhookOf(config));
}

/**
 * One adapter per account, each with its own credentials; base URLs from the account or the env.
 * Every call it makes passes the account's meter: calls per minute and the daily credit budget.
 */
function createProvider(config: AccountConfig, env: Env): InboxProvider {
  const meter = createProviderMeter({
    database: appDatabase,
    counter: rateCounter(),
    accountId: config.id,
    callsPerMinute: env.THREADLINE_PROVIDER_CALLS_PER_MINUTE,
    dailyCreditBudget: env.THREADLINE_DAILY_CREDIT_BUDGET,
  });
  const deps = { fetch: globalThis.fetch, timeoutMs: env.UPSTREAM_TIMEOUT_MS, meter };
  switch (config.provider) {
    case "linkup-v2":
      return createLinkupV2Provider({
        ...deps,
        baseUrl: config.baseUrl ?? env.LINKUP_BASE_URL,
        apiKey: config.apiKey,
        accountId: config.accountId,
        selfProfileUrl: config.profileUrl,
        senderChecks: senderChecksOf(config.id),
      });
    case "linkup-v1":
      return createLinkupV1Provider({
        ...deps,
        baseUrl: config.baseUrl ?? env.LINKUP_V1_BASE_URL,
        apiKey: config.apiKey,
        loginToken: config.loginToken,
        country: config.country,
        selfProfileUrl: config.profileUrl,
        senderChecks: senderChecksOf(config.id),
      });
    case "connectsafely":
      return createConnectSafelyProvider({
        ...deps,
        baseUrl: config.baseUrl ?? env.CONNECTSAFELY_BASE_URL,
        apiKey: config.apiKey,
        accountId: config.accountId,
        // Its webhooks name a thread without the mailbox our ids carry: learnt from the inbox.
        onMailbox: config.webhookSecret === undefined ? undefined : mailboxLearner(config.id),
      });
    case "linkedapi":
      return createLinkedApiProvider({
        ...deps,
        baseUrl: config.baseUrl ?? env.LINKEDAPI_BASE_URL,
        token: config.token,
        identificationToken: config.identificationToken,
        accountId: config.id,
        store: createPeopleStore(appDatabase),
        maxPeople: env.THREADLINE_LINKEDAPI_MAX_PEOPLE,
      });
  }
}

function entry(id: string, label: string, providerName: string, isDemo: boolean, provider: InboxProvider, webhook?: WebhookAccount): AccountEntry {
  return { summary: { id, label, provider: providerName, isDemo, capabilities: capabilitiesOf(provider, { push: webhook !== undefined }) }, provider, webhook };
}

/** A thread read by a page's server code teaches the route that sends the reply: see SenderChecks. */
function senderChecksOf(accountId: string): SenderChecks {
  return processSingleton(`linkup sender checks:${accountId}`, (): SenderChecks => new Map());
}

let accounts: AccountEntry[] | undefined;

function allAccounts(): AccountEntry[] {
  accounts ??= buildAccounts(getEnv());
  return accounts;
}

export function listAccountSummaries(): Account[] {
  return allAccounts().map((account) => account.summary);
}

function accountFor(accountId: string): AccountEntry {
  const found = allAccounts().find((account) => account.summary.id === accountId);
  if (!found) throw new ApiError("not_found", `No account "${accountId}".`);
  return found;
}

export function providerFor(accountId: string): InboxProvider {
  return accountFor(accountId).provider;
}

/** The account's webhook, where its provider delivers new messages to us; undefined for any other id. */
export function webhookFor(accountId: string): WebhookAccount | undefined {
  return allAccounts().find((account) => account.summary.id === accountId)?.webhook;
}

/** The people list of an account whose provider needs them (Linked API). */
export function peopleFor(accountId: string): PeopleDirectory {
  const people = providerFor(accountId).people;
  if (!people) throw new ApiError("bad_request", "This account lists its conversations by itself: it has no people to add.");
  return people;
}
