import "server-only";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { Kysely } from "kysely";
import { appDatabase, rateCounter, teamStore } from "@/lib/server/app-database";
import type { Database } from "@/lib/server/db/database";
import { getEnv, type Env } from "@/lib/server/env";
import type { RateCounter } from "@/lib/server/limits/rate-counter";
import { clientAddress } from "@/lib/server/http/client-address";
import type { TeamStore } from "@/lib/server/team/store";

/** The id of the company's identity provider in Better Auth (callback: /api/auth/callback/company). */
export const OIDC_PROVIDER_ID = "company";

const SESSION_DAYS = 7;
const SIGN_IN_WINDOW_MS = 15 * 60_000;
/** Sign-in attempts for one email from all addresses together, per THREADLINE_SIGN_IN_ATTEMPTS_PER_15_MINUTES. */
const EMAIL_WIDE_FACTOR = 10;

export type AuthDeps = { env: Env; db: Database; team: TeamStore; counter: RateCounter };

/**
 * Sign-in by Better Auth (password hashing, database sessions, OIDC, per-client sign-in limits),
 * configured for a team: nobody signs themselves up. A user is created only for a named admin
 * (THREADLINE_ADMIN_EMAILS) or a person with a pending invitation, whether by password (through
 * our join and setup routes, never Better Auth's public sign-up) or by the company's IdP.
 */
export function createAuth({ env, db, team, counter }: AuthDeps) {
  const adminEmails = new Set(env.adminEmails);
  const baseURL = env.BETTER_AUTH_URL;
  const oidc = oidcConfigOf(env);

  return betterAuth({
    appName: "Threadline",
    ...(baseURL ? { baseURL } : {}),
    ...(env.BETTER_AUTH_SECRET ? { secret: env.BETTER_AUTH_SECRET } : {}),
    database: { db: new Kysely({ dialect: db.dialect.kysely }), type: "postgres", transaction: db.dialect.transactions },
    telemetry: { enabled: false },
    // A failed company sign-in (a cancelled login, a lost state cookie) lands on our own sign-in page.
    onAPIError: { errorURL: "/sign-in" },
    emailAndPassword: { enabled: true, minPasswordLength: 10, maxPasswordLength: 128, autoSignIn: true },
    user: { additionalFields: { role: { type: "string", required: false, defaultValue: "rep", input: false } } },
    session: {
      expiresIn: SESSION_DAYS * 24 * 60 * 60,
      updateAge: 24 * 60 * 60,
      // Every request reads the session row, so removing a rep or signing out takes effect at once.
      cookieCache: { enabled: false },
    },
    account: { accountLinking: { enabled: true, trustedProviders: [OIDC_PROVIDER_ID] } },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: { "/sign-in/email": { window: 60, max: 30 }, "/sign-in/social": { window: 60, max: 30 }, "/get-session": false },
    },
    advanced: {
      // HttpOnly and SameSite=Lax are Better Auth's defaults; Secure wherever it is not a local dev server.
      useSecureCookies: env.NODE_ENV === "production" || baseURL?.startsWith("https://") === true,
      database: { joins: true },
    },
    plugins: oidc
      ? [
          genericOAuth({
            config: [
              {
                providerId: OIDC_PROVIDER_ID,
                name: oidc.name,
                discoveryUrl: `${oidc.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
                clientId: oidc.clientId,
                clientSecret: oidc.clientSecret,
                scopes: ["openid", "email", "profile"],
                pkce: true,
                requireIdTokenVerification: true,
                // A signed-out rep goes back to our sign-in page, not to the IdP's end-session page.
                disableProviderLogout: true,
              },
            ],
          }),
        ]
      : [],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // Accounts are made by invitation (our join route calls Better Auth from the server, with no request).
        if (ctx.path === "/sign-up/email" && ctx.request) {
          throw new APIError("FORBIDDEN", { message: "Threadline accounts are made by invitation: open the link your admin gave you." });
        }
        if (ctx.path === "/sign-in/email") {
          const email = typeof ctx.body?.email === "string" ? ctx.body.email.trim().toLowerCase().slice(0, 320) : "";
          const perAddress = env.THREADLINE_SIGN_IN_ATTEMPTS_PER_15_MINUTES;
          // Counted per email from one client address, so a stranger's wrong passwords lock out the
          // stranger and not the rep on their own device; and per email from everywhere, ten times
          // as many, so guesses spread over many addresses are not multiplied by them.
          const limits = [
            [`sign-in:${email}:${clientAddress(ctx.headers ?? new Headers())}`, perAddress],
            [`sign-in:${email}`, perAddress * EMAIL_WIDE_FACTOR],
          ] as const;
          for (const [key, limit] of limits) {
            const hit = await counter.hit(key, limit, SIGN_IN_WINDOW_MS);
            if (hit.allowed) continue;
            throw new APIError(
              "TOO_MANY_REQUESTS",
              { message: "Too many sign-in attempts for this email. Try again later." },
              { "retry-after": String(hit.retryAfterSeconds), "x-retry-after": String(hit.retryAfterSeconds) },
            );
          }
        }
      }),
    },
    databaseHooks: {
      user: {
        create: {
          async before(user) {
            const email = user.email.toLowerCase();
            if (adminEmails.has(email)) return { data: { ...user, email, role: "admin" } };
            const invitation = await team.pendingInvitationFor(email);
            // The admin named this email and handed its holder the link: it counts as verified.
            if (invitation) return { data: { ...user, email, role: invitation.role, emailVerified: true } };
            return false;
          },
          async after(user) {
            await team.acceptInvitations(user.email, user.id);
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

// On globalThis so `next dev` reloading this module never builds a second one.
const holder = globalThis as typeof globalThis & { __threadlineAuth?: Promise<Auth> };

/** The process's Better Auth, built on first use (it needs the database open and migrated). */
export function getAuth(): Promise<Auth> {
  holder.__threadlineAuth ??= appDatabase().then(
    (db) => createAuth({ env: getEnv(), db, team: teamStore(), counter: rateCounter() }),
    (error: unknown) => {
      holder.__threadlineAuth = undefined;
      throw error;
    },
  );
  return holder.__threadlineAuth;
}

/** The company identity provider, where the team configured one (issuer, client id and secret). */
export function oidcConfigOf(env: Env): { issuer: string; clientId: string; clientSecret: string; name: string } | undefined {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) return undefined;
  return { issuer: env.OIDC_ISSUER, clientId: env.OIDC_CLIENT_ID, clientSecret: env.OIDC_CLIENT_SECRET, name: env.OIDC_PROVIDER_NAME ?? "your company" };
}
