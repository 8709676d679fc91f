import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/server/env";

describe("parseEnv", () => {
  it("needs nothing: no provider means the demo account", () => {
    const env = parseEnv({});
    expect(env.LINKUP_API_KEY).toBeUndefined();
    expect(env.LINKUP_BASE_URL).toBe("https://api.linkupapi.com/v2");
    expect(env.UPSTREAM_TIMEOUT_MS).toBe(10_000);
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ LINKUP_API_KEY: "", LINKUP_ACCOUNT_ID: "  " }).LINKUP_API_KEY).toBeUndefined();
  });

  it("names the missing partner variable", () => {
    expect(() => parseEnv({ LINKUP_API_KEY: "k" })).toThrow(/LINKUP_ACCOUNT_ID: is required when LINKUP_API_KEY is set/);
    expect(() => parseEnv({ LINKEDAPI_TOKEN: "t" })).toThrow(/LINKEDAPI_IDENTIFICATION_TOKEN: is required when LINKEDAPI_TOKEN is set/);
    expect(() => parseEnv({ LINKUP_ACCOUNT_ID: "a" })).toThrow(/LINKUP_API_KEY/);
  });

  it("names a malformed variable without printing any secret", () => {
    let message = "";
    try {
      parseEnv({ LINKUP_API_KEY: "sk-very-secret", LINKUP_ACCOUNT_ID: "a", LINKUP_BASE_URL: "not a url", UPSTREAM_TIMEOUT_MS: "fast" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/LINKUP_BASE_URL/);
    expect(message).toMatch(/UPSTREAM_TIMEOUT_MS/);
    expect(message).not.toContain("sk-very-secret");
  });

  it("builds accounts from THREADLINE_ACCOUNTS and the single-account shortcuts, shortcuts first", () => {
    const env = parseEnv({
      LINKUP_API_KEY: "k",
      LINKUP_ACCOUNT_ID: "acc",
      CONNECTSAFELY_API_KEY: "cs",
      CONNECTSAFELY_ACCOUNT_ID: "507f1f77bcf86cd799439011",
      THREADLINE_ACCOUNTS: JSON.stringify([
        { id: "eu", provider: "linkup-v1", apiKey: "k1", loginToken: "li_at", country: "DE", profileUrl: "https://www.linkedin.com/in/rep" },
        { id: "la", provider: "linkedapi", token: "t", identificationToken: "i", label: "Linked API" },
      ]),
    });
    expect(env.accounts.map((a) => [a.id, a.provider])).toEqual([
      ["linkup", "linkup-v2"],
      ["connectsafely", "connectsafely"],
      ["eu", "linkup-v1"],
      ["la", "linkedapi"],
    ]);
  });

  it("a Linkup v1 account by the single-account variables needs LINKUP_PROFILE_URL", () => {
    expect(errorOf({ LINKUP_API_KEY: "k", LINKUP_LOGIN_TOKEN: "li_at" })).toMatch(/LINKUP_PROFILE_URL: is required when LINKUP_LOGIN_TOKEN is set/);
    const env = parseEnv({ LINKUP_API_KEY: "k", LINKUP_LOGIN_TOKEN: "li_at", LINKUP_PROFILE_URL: "https://www.linkedin.com/in/rep" });
    expect(env.accounts.map((a) => [a.id, a.provider])).toEqual([["linkup-v1", "linkup-v1"]]);
  });

  it("names the account and the field of a bad THREADLINE_ACCOUNTS entry, never a value", () => {
    const message = errorOf({
      THREADLINE_ACCOUNTS: JSON.stringify([
        { id: "ok", provider: "connectsafely", apiKey: "cs-secret-1", accountId: "cs-account" },
        { id: "eu-sales", provider: "linkup-v1", apiKey: "k-secret-2", country: "XX" },
        { id: "typo", provider: "linkedapi", token: "t-secret-3", identificationToken: "i", tokne: "x" },
        { id: "x", provider: "unipile" },
      ]),
    });
    expect(message).toMatch(/THREADLINE_ACCOUNTS\[1\] \(id "eu-sales", linkup-v1\) loginToken: /);
    expect(message).toMatch(/THREADLINE_ACCOUNTS\[1\] \(id "eu-sales", linkup-v1\) country: /);
    // Linkup v1 never says which messages are the rep's: its account names the rep's own profile.
    expect(message).toMatch(/THREADLINE_ACCOUNTS\[1\] \(id "eu-sales", linkup-v1\) profileUrl: /);
    expect(message).toMatch(/THREADLINE_ACCOUNTS\[2\] \(id "typo", linkedapi\).*tokne/);
    expect(message).toMatch(/THREADLINE_ACCOUNTS\[3\] \(id "x", unipile\)/);
    for (const secret of ["cs-secret-1", "k-secret-2", "t-secret-3"]) expect(message).not.toContain(secret);
  });

  it("takes a webhook secret for ConnectSafely and Linked API accounts only, long enough, never printing one", () => {
    const signing = "cs-webhook-signing-secret-0123456789abcdef";
    const url = "la-webhook-url-secret-0123456789abcdef";
    const env = parseEnv({
      CONNECTSAFELY_API_KEY: "cs",
      CONNECTSAFELY_ACCOUNT_ID: "cs-account",
      CONNECTSAFELY_WEBHOOK_SECRET: signing,
      LINKEDAPI_TOKEN: "t",
      LINKEDAPI_IDENTIFICATION_TOKEN: "i",
      LINKEDAPI_WEBHOOK_SECRET: url,
      THREADLINE_ACCOUNTS: JSON.stringify([{ id: "cs-2", provider: "connectsafely", apiKey: "k", accountId: "cs-account-2", webhookSecret: `${signing}/+=` }]),
    });
    expect(env.accounts.map((a) => [a.id, "webhookSecret" in a ? a.webhookSecret : undefined])).toEqual([
      ["connectsafely", signing],
      ["linkedapi", url],
      ["cs-2", `${signing}/+=`],
    ]);

    const short = "too-short-secret-1";
    const message = errorOf({
      CONNECTSAFELY_API_KEY: "cs",
      CONNECTSAFELY_WEBHOOK_SECRET: short,
      THREADLINE_ACCOUNTS: JSON.stringify([
        { id: "la", provider: "linkedapi", token: "t", identificationToken: "i", webhookSecret: `${url}/slash` },
        { id: "v2", provider: "linkup-v2", apiKey: "k", accountId: "a", webhookSecret: url },
      ]),
    });
    expect(message).toMatch(/CONNECTSAFELY_WEBHOOK_SECRET: must be at least 32 characters/);
    expect(message).toMatch(/THREADLINE_ACCOUNTS\[0\] \(id "la", linkedapi\) webhookSecret: must hold only letters, digits/);
    expect(message).toMatch(/THREADLINE_ACCOUNTS\[1\] \(id "v2", linkup-v2\).*webhookSecret/);
    for (const secret of [short, url]) expect(message).not.toContain(secret);
    expect(errorOf({ LINKEDAPI_WEBHOOK_SECRET: url })).toMatch(/LINKEDAPI_TOKEN: is required when LINKEDAPI_WEBHOOK_SECRET is set/);
  });

  it("needs ConnectSafely's account id: without one it would read and send as the key's most recently used account", () => {
    expect(errorOf({ CONNECTSAFELY_API_KEY: "cs-secret" })).toMatch(/CONNECTSAFELY_ACCOUNT_ID: is required when CONNECTSAFELY_API_KEY is set/);
    const message = errorOf({ THREADLINE_ACCOUNTS: JSON.stringify([{ id: "cs", provider: "connectsafely", apiKey: "cs-secret" }]) });
    expect(message).toMatch(/THREADLINE_ACCOUNTS\[0\] \(id "cs", connectsafely\) accountId: /);
    expect(message).not.toContain("cs-secret");
  });

  it("refuses THREADLINE_ACCOUNTS that is not JSON, and duplicate account ids", () => {
    expect(errorOf({ THREADLINE_ACCOUNTS: "[{id: eu}]" })).toMatch(/THREADLINE_ACCOUNTS: is not valid JSON/);
    expect(
      errorOf({
        LINKEDAPI_TOKEN: "t",
        LINKEDAPI_IDENTIFICATION_TOKEN: "i",
        THREADLINE_ACCOUNTS: JSON.stringify([{ id: "linkedapi", provider: "connectsafely", apiKey: "k", accountId: "a" }]),
      }),
    ).toMatch(/account id "linkedapi" is used twice/);
  });

  it("needs a real database on Vercel once a Linked API account exists", () => {
    expect(errorOf({ VERCEL: "1", LINKEDAPI_TOKEN: "t", LINKEDAPI_IDENTIFICATION_TOKEN: "i" })).toMatch(/DATABASE_URL: is required on Vercel/);
    expect(parseEnv({ VERCEL: "1", LINKEDAPI_TOKEN: "t", LINKEDAPI_IDENTIFICATION_TOKEN: "i", DATABASE_URL: "postgres://u@db.example/x" }).accounts).toHaveLength(1);
    expect(errorOf({ DATABASE_URL: "mysql://u@db/x" })).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
  });
});

function errorOf(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected parseEnv to throw");
}

describe("parseEnv: sign-in", () => {
  const linkup = { LINKUP_API_KEY: "k", LINKUP_ACCOUNT_ID: "a" };

  it("refuses a production server with an account but no admin or auth secret, naming both", () => {
    expect(() => parseEnv({ ...linkup, NODE_ENV: "production" })).toThrow(/THREADLINE_ADMIN_EMAILS: is required in production[\s\S]*BETTER_AUTH_SECRET: is required in production/);
    const signIn = { THREADLINE_ADMIN_EMAILS: "a@x.com", BETTER_AUTH_SECRET: "s".repeat(32) };
    // The admins need a way in: the setup code for a password, or the company's SSO.
    expect(() => parseEnv({ ...linkup, NODE_ENV: "production", ...signIn })).toThrow(/THREADLINE_SETUP_CODE: or OIDC_ISSUER is required in production/);
    expect(() => parseEnv({ ...linkup, NODE_ENV: "production", ...signIn, THREADLINE_SETUP_CODE: "c".repeat(16) })).not.toThrow();
    expect(() => parseEnv({ ...linkup, NODE_ENV: "production", ...signIn, OIDC_ISSUER: "https://idp.example.com", OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "secret" })).not.toThrow();
    // The demo (no account) needs neither, and neither does a development server.
    expect(() => parseEnv({ NODE_ENV: "production" })).not.toThrow();
    expect(() => parseEnv({ ...linkup, NODE_ENV: "development" })).not.toThrow();
  });

  it("a setup code is long enough to guess at no rate we allow, or absent (admins then sign in with SSO only)", () => {
    expect(parseEnv({ THREADLINE_SETUP_CODE: "c".repeat(16) }).THREADLINE_SETUP_CODE).toBe("c".repeat(16));
    expect(parseEnv({}).THREADLINE_SETUP_CODE).toBeUndefined();
    expect(() => parseEnv({ THREADLINE_SETUP_CODE: "short-code" })).toThrow(/THREADLINE_SETUP_CODE: must be at least 16 characters/);
  });

  it("reads admin emails case-insensitively and refuses anything else, without printing the secret", () => {
    expect(parseEnv({ THREADLINE_ADMIN_EMAILS: " Ada@Example.com, bo@x.io ," }).adminEmails).toEqual(["ada@example.com", "bo@x.io"]);
    expect(() => parseEnv({ THREADLINE_ADMIN_EMAILS: "ada, bo@x.io" })).toThrow(/THREADLINE_ADMIN_EMAILS/);
    let message = "";
    try {
      parseEnv({ BETTER_AUTH_SECRET: "too-short-secret" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/BETTER_AUTH_SECRET: must be at least 32 characters/);
    expect(message).not.toContain("too-short-secret");
  });

  it("needs the whole OIDC client, and limits as whole numbers", () => {
    expect(() => parseEnv({ OIDC_ISSUER: "https://accounts.google.com" })).toThrow(/OIDC_CLIENT_ID[\s\S]*OIDC_CLIENT_SECRET/);
    expect(parseEnv({}).THREADLINE_DAILY_CREDIT_BUDGET).toBe(20_000);
    expect(() => parseEnv({ THREADLINE_PROVIDER_CALLS_PER_MINUTE: "lots" })).toThrow(/THREADLINE_PROVIDER_CALLS_PER_MINUTE: must be a whole number/);
  });
});
