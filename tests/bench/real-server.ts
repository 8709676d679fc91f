/**
 * A real server for the freshness benches (issue 13): the fake upstream (tests/fake-upstream) and
 * `next start` on the production build, with a Linkup v2 account (polled) and a ConnectSafely and a
 * Linked API account with webhooks (pushed), all pointing at the fake. A fresh PGlite directory per
 * start, so every run begins with an empty database. The admin is signed in once (POST /api/setup);
 * the benches' simulated clients share that one session cookie: the server's caches are per account,
 * not per session, so sharing it changes nothing measured and spares the sign-in rate limit.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { start, stop, waitUntilUp } from "../soak/processes";

/** Ports of this bench (5200–5299: clear of the browser tests and the soak). */
export const BENCH_PORTS = { app: 5200, fake: 5210 } as const;

/** Our ids of the three accounts, as they appear in /api/accounts/{id}/…. */
export const BENCH_ACCOUNTS = { linkupV2: "linkup", connectSafely: "connectsafely", linkedApi: "linkedapi" } as const;

/** Lena Longthread's profile in the fixture mailbox (conversation 0): the person a rep adds on Linked API. */
export const LENA_PROFILE_URL = "https://www.linkedin.com/in/lena-longthread-0";

/** Fresh per run, so nothing of one run can be replayed into another. */
const SECRETS = {
  linkupKey: `bench-linkup-${randomBytes(8).toString("hex")}`,
  linkupAccountId: "acc_bench",
  connectSafelyKey: `bench-cs-${randomBytes(8).toString("hex")}`,
  connectSafelyAccountId: "507f1f77bcf86cd799439011",
  linkedApiToken: `bench-la-${randomBytes(8).toString("hex")}`,
  linkedApiIdentificationToken: `bench-la-ident-${randomBytes(8).toString("hex")}`,
  connectSafelyWebhookSecret: randomBytes(24).toString("hex"),
  linkedApiWebhookSecret: randomBytes(24).toString("hex"),
  authSecret: randomBytes(24).toString("hex"),
  setupCode: randomBytes(16).toString("hex"),
  admin: { email: "bench.admin@threadline.test", name: "Bench Admin", password: `bench-admin-${randomBytes(8).toString("hex")}` },
} as const;

/** The fake upstream's /__control/stats: provider calls by operation (Linkup v2 actions bare; `v1:`, `cs:`, `la:` prefixed). */
export const fakeStatsSchema = z.object({ calls: z.record(z.string(), z.number()), credits: z.number(), faults: z.number() });
export type FakeStats = z.infer<typeof fakeStatsSchema>;

export type UpstreamProvider = "linkup-v2" | "linkup-v1" | "connectsafely" | "linkedapi";

/** Which provider an operation in the fake's stats belongs to (see upstreamFor in tests/fake-upstream/server.ts). */
export function providerOfOperation(operation: string): UpstreamProvider {
  if (operation.startsWith("v1:")) return "linkup-v1";
  if (operation.startsWith("cs:")) return "connectsafely";
  if (operation.startsWith("la:")) return "linkedapi";
  return "linkup-v2";
}

/** Calls to one provider between two stats snapshots. */
export function callsBetween(before: FakeStats, after: FakeStats, provider: UpstreamProvider): number {
  let total = 0;
  for (const [operation, count] of Object.entries(after.calls)) {
    if (providerOfOperation(operation) === provider) total += count - (before.calls[operation] ?? 0);
  }
  return total;
}

/** What the fake's /__control/webhooks/deliver answers: the app's answer to each POST, and the new message's time. */
export const deliveredSchema = z.object({
  sentAt: z.number().nullable(),
  answers: z.array(z.object({ status: z.number(), body: z.unknown() })),
});
export type Delivered = z.infer<typeof deliveredSchema>;

export type Answer = { status: number; body: unknown; ms: number };

export type RealServer = {
  appUrl: string;
  fakeUrl: string;
  /** The app server's process (its tree's memory is the soak's measure). */
  appPid: number;
  /** The signed-in admin's cookie and our origin: for requests made some other way than get/post. */
  headers: Record<string, string>;
  secrets: { connectSafelyWebhookSecret: string; linkedApiWebhookSecret: string };
  /** The Linkup v2 account's own credentials at the fake: to ask the provider directly (proxy.ts). */
  linkupV2: { apiKey: string; accountId: string };
  /** GET one of our API's URLs (same-origin path) as the signed-in admin; the body parsed as JSON when it is. */
  get(path: string): Promise<Answer>;
  /** POST JSON to one of our API's URLs as the signed-in admin. */
  post(path: string, body: unknown): Promise<Answer>;
  stats(): Promise<FakeStats>;
  /** POST to a fake control endpoint; its JSON answer (parse it). */
  control(path: string, body: unknown): Promise<unknown>;
  /** The ids of the fixture mailbox's conversations (the fake's own, as /__control/messages takes them). */
  fixtureConversationIds(): Promise<string[]>;
};

async function readAnswer(response: Response, startedAt: number): Promise<Answer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    // not JSON: kept as text
  }
  return { status: response.status, body, ms: performance.now() - startedAt };
}

/** Sends a polite stop to the process group, then a kill if it lingers (open keep-alive connections). */
async function stopAndWait(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<boolean>((resolve) => child.once("exit", () => resolve(true)));
  stop(child);
  const gone = await Promise.race([exited, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000))]);
  if (!gone) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/**
 * Starts the fake upstream and the app, signs the admin in, runs `body`, and stops both whatever
 * happens (their data directory removed too). `appEnv` adds to or overrides the app's environment.
 */
export async function withRealServer<T>(
  body: (server: RealServer) => Promise<T>,
  { ports = BENCH_PORTS, databaseUrl, appEnv = {} }: { ports?: { app: number; fake: number }; databaseUrl?: string; appEnv?: Record<string, string> } = {},
): Promise<T> {
  const appUrl = `http://127.0.0.1:${ports.app}`;
  const fakeUrl = `http://127.0.0.1:${ports.fake}`;
  const dataDir = await mkdtemp(join(tmpdir(), "threadline-bench-"));
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const children: ChildProcess[] = [];
  try {
    children.push(
      start("npx", ["tsx", "--conditions=react-server", "tests/fake-upstream/server.ts"], {
        ...env,
        FAKE_UPSTREAM_PORT: String(ports.fake),
        FAKE_LINKUP_API_KEY: SECRETS.linkupKey,
        FAKE_LINKUP_ACCOUNT_ID: SECRETS.linkupAccountId,
        FAKE_CONNECTSAFELY_API_KEY: SECRETS.connectSafelyKey,
        FAKE_CONNECTSAFELY_ACCOUNT_ID: SECRETS.connectSafelyAccountId,
        FAKE_LINKEDAPI_TOKEN: SECRETS.linkedApiToken,
        FAKE_LINKEDAPI_IDENTIFICATION_TOKEN: SECRETS.linkedApiIdentificationToken,
        FAKE_LINKEDAPI_SYNC_MS: "2000",
      }),
    );
    children.push(
      start("npx", ["next", "start", "-p", String(ports.app)], {
        ...env,
        THREADLINE_ACCOUNTS: JSON.stringify([
          { id: BENCH_ACCOUNTS.linkupV2, provider: "linkup-v2", label: "Bench · Linkup v2", apiKey: SECRETS.linkupKey, accountId: SECRETS.linkupAccountId, baseUrl: `${fakeUrl}/v2` },
          {
            id: BENCH_ACCOUNTS.connectSafely,
            provider: "connectsafely",
            label: "Bench · ConnectSafely",
            apiKey: SECRETS.connectSafelyKey,
            accountId: SECRETS.connectSafelyAccountId,
            webhookSecret: SECRETS.connectSafelyWebhookSecret,
            baseUrl: `${fakeUrl}/linkedin`,
          },
          {
            id: BENCH_ACCOUNTS.linkedApi,
            provider: "linkedapi",
            label: "Bench · Linked API",
            token: SECRETS.linkedApiToken,
            identificationToken: SECRETS.linkedApiIdentificationToken,
            webhookSecret: SECRETS.linkedApiWebhookSecret,
            baseUrl: `${fakeUrl}/linkedapi`,
          },
        ]),
        // Not inherited from the shell: the accounts above are the only ones.
        LINKUP_API_KEY: "",
        LINKUP_ACCOUNT_ID: "",
        THREADLINE_ADMIN_EMAILS: SECRETS.admin.email,
        THREADLINE_SETUP_CODE: SECRETS.setupCode,
        BETTER_AUTH_SECRET: SECRETS.authSecret,
        BETTER_AUTH_URL: appUrl,
        // A PostgreSQL server where one is given, else PGlite in a directory of this run.
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { PGLITE_DATA_DIR: dataDir }),
        UPSTREAM_TIMEOUT_MS: "5000",
        // Room for 25 clients at the live pace: the bench measures the cache, not the limiter.
        THREADLINE_API_REQUESTS_PER_MINUTE: "10000",
        THREADLINE_PROVIDER_CALLS_PER_MINUTE: "10000",
        THREADLINE_DAILY_CREDIT_BUDGET: "10000000",
        THREADLINE_SIGN_IN_ATTEMPTS_PER_15_MINUTES: "50",
        ...appEnv,
      }),
    );
    const app = children.at(-1);
    await waitUntilUp(`${fakeUrl}/__control/health`);
    await waitUntilUp(`${appUrl}/sign-in`, 90_000);

    const control = async (path: string, payload: unknown): Promise<unknown> => {
      const response = await fetch(`${fakeUrl}/__control${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) });
      const answer = await readAnswer(response, performance.now());
      if (response.status >= 300) throw new Error(`fake upstream ${path}: ${response.status} ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    await control("/reset", {});

    // The first admin sets a password (what /setup does) and is signed in by the answer's cookie.
    const setup = await fetch(`${appUrl}/api/setup`, { method: "POST", headers: { "content-type": "application/json", origin: appUrl }, body: JSON.stringify({ ...SECRETS.admin, setupCode: SECRETS.setupCode }) });
    if (setup.status !== 201) throw new Error(`sign-in failed: ${setup.status} ${await setup.text()}`);
    const cookie = setup.headers
      .getSetCookie()
      .map((line) => line.split(";")[0] ?? "")
      .filter((pair) => pair !== "")
      .join("; ");
    if (cookie === "") throw new Error("sign-in answered no session cookie");
    const headers = { cookie, origin: appUrl };

    const server: RealServer = {
      appUrl,
      fakeUrl,
      appPid: app?.pid ?? 0,
      headers,
      secrets: { connectSafelyWebhookSecret: SECRETS.connectSafelyWebhookSecret, linkedApiWebhookSecret: SECRETS.linkedApiWebhookSecret },
      linkupV2: { apiKey: SECRETS.linkupKey, accountId: SECRETS.linkupAccountId },
      async get(path) {
        const startedAt = performance.now();
        return readAnswer(await fetch(`${appUrl}${path}`, { headers }), startedAt);
      },
      async post(path, payload) {
        const startedAt = performance.now();
        return readAnswer(await fetch(`${appUrl}${path}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(payload) }), startedAt);
      },
      async stats() {
        return fakeStatsSchema.parse(await (await fetch(`${fakeUrl}/__control/stats`)).json());
      },
      control,
      async fixtureConversationIds() {
        return z.object({ ids: z.array(z.string()) }).parse(await (await fetch(`${fakeUrl}/__control/conversations`)).json()).ids;
      },
    };
    return await body(server);
  } finally {
    for (const child of children.reverse()) await stopAndWait(child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Parses an answer of ours with its contract, or says what came back instead. */
export function parseAnswer<T>(schema: z.core.$ZodType<T>, answer: Answer, what: string): T {
  if (answer.status !== 200) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  return z.parse(schema, answer.body);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
