import "server-only";
import { z } from "zod";
import { LINKUP_COUNTRIES } from "@/lib/server/providers/linkup-v1/schemas";

/**
 * The only reader of process.env. Parsed once, on first use and at server start
 * (instrumentation.ts), so a bad configuration fails loudly, naming the variable, and for
 * THREADLINE_ACCOUNTS the account and the field — never printing a value.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const httpUrl = z.url({ protocol: /^https?$/ });

/** A whole number written in an env variable, within bounds. */
function wholeNumber(unit: string, min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, `must be a whole number of ${unit}`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** "a@x.com, B@y.com" → ["a@x.com", "b@y.com"]; emails compare case-insensitively. */
function emailList(text: string | undefined, ctx: z.RefinementCtx): string[] | undefined {
  if (text === undefined) return undefined;
  const emails = text.split(",").map((email) => email.trim().toLowerCase()).filter((email) => email !== "");
  for (const email of emails) {
    if (!z.email().safeParse(email).success) ctx.addIssue({ code: "custom", message: "must be comma-separated email addresses" });
  }
  return emails;
}
const optionalUrl = optionalText.pipe(httpUrl.optional());
const secret = z.string().trim().min(1, "is required");
/** Signs ConnectSafely's webhook deliveries (HMAC-SHA256): long and random. */
const signingSecret = z.string().trim().min(32, "must be at least 32 characters").max(512, "must be at most 512 characters");
/**
 * Linked API signs nothing: its webhook URL carries this secret (a path segment), so it is also
 * URL-safe (`openssl rand -hex 32`).
 */
const urlSecret = signingSecret.regex(/^[A-Za-z0-9._~-]+$/, "must hold only letters, digits and - _ . ~ (it is part of a URL)");

const accountCommon = {
  /** Our id for the account: it appears in URLs, so short and plain. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be 1–40 lowercase letters, digits or dashes"),
  label: z.string().trim().min(1).max(60).optional(),
  /** Another server speaking the provider's API (a proxy, a sandbox, the tests' fake upstream). */
  baseUrl: httpUrl.optional(),
};

export const accountConfigSchema = z.discriminatedUnion("provider", [
  z.strictObject({ provider: z.literal("linkup-v2"), ...accountCommon, apiKey: secret, accountId: secret, profileUrl: httpUrl.optional() }),
  z.strictObject({
    provider: z.literal("linkup-v1"),
    ...accountCommon,
    apiKey: secret,
    /** The LinkedIn session cookie Linkup v1 works with: as secret as the key. */
    loginToken: secret,
    country: z.enum(LINKUP_COUNTRIES).optional(),
    /** Linkup v1 never says which messages are the rep's: without it a group's third person would read as the rep. */
    profileUrl: httpUrl,
  }),
  z.strictObject({
    provider: z.literal("connectsafely"),
    ...accountCommon,
    apiKey: secret,
    /**
     * Which LinkedIn account on the key: without it ConnectSafely reads and sends as the key's most
     * recently used account, which any other tool on the key can change.
     */
    accountId: z.string().trim().min(1),
    /** Set when ConnectSafely delivers this account's webhooks to us: the account is then pushed, not polled. */
    webhookSecret: signingSecret.optional(),
  }),
  z.strictObject({ provider: z.literal("linkedapi"), ...accountCommon, token: secret, identificationToken: secret, webhookSecret: urlSecret.optional() }),
]);
export type AccountConfig = z.infer<typeof accountConfigSchema>;
export type ProviderName = AccountConfig["provider"];

const accountsJson = z
  .string()
  .trim()
  .transform((text, ctx): unknown => {
    if (text === "") return [];
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "is not valid JSON (expected an array of accounts)" });
      return z.NEVER;
    }
  })
  .pipe(z.array(accountConfigSchema).max(50))
  .optional();

const variablesSchema = z
  .object({
    THREADLINE_ACCOUNTS: accountsJson,
    LINKUP_API_KEY: optionalText,
    LINKUP_ACCOUNT_ID: optionalText,
    LINKUP_LOGIN_TOKEN: optionalText,
    LINKUP_COUNTRY: optionalText.pipe(z.enum(LINKUP_COUNTRIES).optional()),
    LINKUP_BASE_URL: httpUrl.default("https://api.linkupapi.com/v2"),
    LINKUP_V1_BASE_URL: httpUrl.default("https://api.linkupapi.com/v1"),
    LINKUP_PROFILE_URL: optionalUrl,
    LINKUP_ACCOUNT_LABEL: optionalText,
    CONNECTSAFELY_API_KEY: optionalText,
    CONNECTSAFELY_ACCOUNT_ID: optionalText,
    CONNECTSAFELY_BASE_URL: httpUrl.default("https://api.connectsafely.ai/linkedin"),
    CONNECTSAFELY_WEBHOOK_SECRET: optionalText.pipe(signingSecret.optional()),
    LINKEDAPI_TOKEN: optionalText,
    LINKEDAPI_IDENTIFICATION_TOKEN: optionalText,
    LINKEDAPI_WEBHOOK_SECRET: optionalText.pipe(urlSecret.optional()),
    LINKEDAPI_BASE_URL: httpUrl.default("https://api.linkedapi.io"),
    DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/, message: "must be a postgres:// URL" }).optional()),
    PGLITE_DATA_DIR: optionalText.default(".threadline/pglite"),
    VERCEL: optionalText,
    NODE_ENV: optionalText,
    UPSTREAM_TIMEOUT_MS: wholeNumber("milliseconds", 100, 60_000).default(10_000),

    // ── Sign-in (lib/server/auth) ──
    /** Signs session cookies and OAuth state: 32+ random characters (`openssl rand -base64 32`). */
    BETTER_AUTH_SECRET: optionalText.pipe(z.string().min(32, "must be at least 32 characters").optional()),
    /** The public origin reps open, e.g. https://inbox.example.com: cookies, OIDC redirects and Origin checks use it. */
    BETTER_AUTH_URL: optionalUrl,
    /** Comma-separated: these people are admins (they set their password at /setup with the setup code, or sign in with SSO). */
    THREADLINE_ADMIN_EMAILS: optionalText.transform((text, ctx) => emailList(text, ctx)),
    /**
     * What an admin types at /setup to choose a password (`openssl rand -hex 16`): knowing an admin's
     * email is not enough to take their account. Without it, admins sign in with SSO only.
     */
    THREADLINE_SETUP_CODE: optionalText.pipe(z.string().min(16, "must be at least 16 characters").max(200, "must be at most 200 characters").optional()),
    /** The company's OpenID Connect issuer (Google Workspace, Microsoft Entra, Okta…), with its client. */
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: optionalText,
    OIDC_CLIENT_SECRET: optionalText,
    /** What the sign-in button says, e.g. "Okta". */
    OIDC_PROVIDER_NAME: optionalText.pipe(z.string().max(40).optional()),

    // ── Spending limits (held in the database, so they hold across serverless instances) ──
    THREADLINE_API_REQUESTS_PER_MINUTE: wholeNumber("requests", 1, 100_000).default(600),
    THREADLINE_PROVIDER_CALLS_PER_MINUTE: wholeNumber("calls", 1, 100_000).default(120),
    THREADLINE_DAILY_CREDIT_BUDGET: wholeNumber("credits", 1, 100_000_000).default(20_000),
    THREADLINE_SIGN_IN_ATTEMPTS_PER_15_MINUTES: wholeNumber("attempts", 1, 10_000).default(10),
    THREADLINE_LINKEDAPI_MAX_PEOPLE: wholeNumber("people", 1, 10_000).default(200),
  })
  .superRefine((env, ctx) => {
    const pair = (a: keyof typeof env, b: keyof typeof env) => {
      if (env[a] && !env[b]) ctx.addIssue({ code: "custom", path: [b], message: `is required when ${a} is set` });
    };
    if (env.LINKUP_API_KEY && !env.LINKUP_ACCOUNT_ID && !env.LINKUP_LOGIN_TOKEN) {
      ctx.addIssue({ code: "custom", path: ["LINKUP_ACCOUNT_ID"], message: "is required when LINKUP_API_KEY is set (or LINKUP_LOGIN_TOKEN for Linkup v1)" });
    }
    pair("LINKUP_ACCOUNT_ID", "LINKUP_API_KEY");
    pair("LINKUP_LOGIN_TOKEN", "LINKUP_API_KEY");
    if (env.LINKUP_LOGIN_TOKEN && !env.LINKUP_PROFILE_URL) {
      ctx.addIssue({ code: "custom", path: ["LINKUP_PROFILE_URL"], message: "is required when LINKUP_LOGIN_TOKEN is set (Linkup v1 never says which messages are the rep's)" });
    }
    pair("CONNECTSAFELY_ACCOUNT_ID", "CONNECTSAFELY_API_KEY");
    pair("CONNECTSAFELY_API_KEY", "CONNECTSAFELY_ACCOUNT_ID");
    pair("CONNECTSAFELY_WEBHOOK_SECRET", "CONNECTSAFELY_API_KEY");
    pair("LINKEDAPI_WEBHOOK_SECRET", "LINKEDAPI_TOKEN");
    pair("LINKEDAPI_TOKEN", "LINKEDAPI_IDENTIFICATION_TOKEN");
    pair("LINKEDAPI_IDENTIFICATION_TOKEN", "LINKEDAPI_TOKEN");
    pair("OIDC_ISSUER", "OIDC_CLIENT_ID");
    pair("OIDC_ISSUER", "OIDC_CLIENT_SECRET");
    pair("OIDC_CLIENT_ID", "OIDC_ISSUER");
  });
type Variables = z.infer<typeof variablesSchema>;

const envSchema = variablesSchema.transform((env, ctx) => {
  const accounts = [...shortcutAccounts(env), ...(env.THREADLINE_ACCOUNTS ?? [])];
  const seen = new Set<string>();
  for (const account of accounts) {
    if (seen.has(account.id)) ctx.addIssue({ code: "custom", path: ["THREADLINE_ACCOUNTS"], message: `account id "${account.id}" is used twice` });
    seen.add(account.id);
  }
  // Vercel's disk does not outlive a request, so users, sessions and people need a real database there.
  if (env.VERCEL && !env.DATABASE_URL && accounts.length > 0) {
    ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "is required on Vercel when a provider account is configured" });
  }
  // Real accounts mean real private messages: a production server with them never starts open.
  if (env.NODE_ENV === "production" && accounts.length > 0) {
    if (!env.THREADLINE_ADMIN_EMAILS?.length) {
      ctx.addIssue({ code: "custom", path: ["THREADLINE_ADMIN_EMAILS"], message: "is required in production when a provider account is configured (name who may sign in first)" });
    }
    if (!env.BETTER_AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["BETTER_AUTH_SECRET"], message: "is required in production when a provider account is configured (it signs sessions)" });
    }
    if (!env.THREADLINE_SETUP_CODE && !env.OIDC_ISSUER) {
      ctx.addIssue({ code: "custom", path: ["THREADLINE_SETUP_CODE"], message: "or OIDC_ISSUER is required in production when a provider account is configured (the admins' way in)" });
    }
  }
  return { ...env, accounts, adminEmails: env.THREADLINE_ADMIN_EMAILS ?? [] };
});

/** The single-account variables, as accounts with fixed ids. */
function shortcutAccounts(env: Variables): AccountConfig[] {
  const accounts: AccountConfig[] = [];
  if (env.LINKUP_API_KEY && env.LINKUP_ACCOUNT_ID) {
    accounts.push({
      provider: "linkup-v2",
      id: "linkup",
      label: env.LINKUP_ACCOUNT_LABEL,
      apiKey: env.LINKUP_API_KEY,
      accountId: env.LINKUP_ACCOUNT_ID,
      profileUrl: env.LINKUP_PROFILE_URL,
    });
  }
  if (env.LINKUP_API_KEY && env.LINKUP_LOGIN_TOKEN && env.LINKUP_PROFILE_URL) {
    accounts.push({
      provider: "linkup-v1",
      id: "linkup-v1",
      label: env.LINKUP_ACCOUNT_ID ? undefined : env.LINKUP_ACCOUNT_LABEL,
      apiKey: env.LINKUP_API_KEY,
      loginToken: env.LINKUP_LOGIN_TOKEN,
      country: env.LINKUP_COUNTRY,
      profileUrl: env.LINKUP_PROFILE_URL,
    });
  }
  if (env.CONNECTSAFELY_API_KEY && env.CONNECTSAFELY_ACCOUNT_ID) {
    accounts.push({
      provider: "connectsafely",
      id: "connectsafely",
      apiKey: env.CONNECTSAFELY_API_KEY,
      accountId: env.CONNECTSAFELY_ACCOUNT_ID,
      webhookSecret: env.CONNECTSAFELY_WEBHOOK_SECRET,
    });
  }
  if (env.LINKEDAPI_TOKEN && env.LINKEDAPI_IDENTIFICATION_TOKEN) {
    accounts.push({
      provider: "linkedapi",
      id: "linkedapi",
      token: env.LINKEDAPI_TOKEN,
      identificationToken: env.LINKEDAPI_IDENTIFICATION_TOKEN,
      webhookSecret: env.LINKEDAPI_WEBHOOK_SECRET,
    });
  }
  return accounts;
}

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${describePath(issue.path, source)}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${problems.join("\n")}\nSee .env.example.`);
  }
  return result.data;
}

/** `THREADLINE_ACCOUNTS[1] (id "eu-sales", linkup-v1) loginToken` rather than a bare index. */
function describePath(path: readonly PropertyKey[], source: Record<string, string | undefined>): string {
  const [variable, index, ...field] = path;
  if (variable !== "THREADLINE_ACCOUNTS" || typeof index !== "number") return path.map(String).join(".") || "(env)";
  let label = "";
  try {
    const raw = (JSON.parse(source.THREADLINE_ACCOUNTS ?? "[]") as unknown[])[index];
    if (raw && typeof raw === "object") {
      const { id, provider } = raw as { id?: unknown; provider?: unknown };
      const parts = [typeof id === "string" ? `id "${id.slice(0, 40)}"` : "", typeof provider === "string" ? provider.slice(0, 20) : ""].filter(Boolean);
      if (parts.length) label = ` (${parts.join(", ")})`;
    }
  } catch {
    // the JSON error itself is reported on its own
  }
  return `THREADLINE_ACCOUNTS[${index}]${label}${field.length ? ` ${field.map(String).join(".")}` : ""}`;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
