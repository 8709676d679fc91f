import "server-only";

/**
 * Sign-in and the team: Better Auth's tables exactly as Better Auth 1.7 expects them (quoted
 * camelCase columns; it checks them against its config at start), then ours: invitations, which
 * rep may use which account, and the counters behind our rate limits and credit budgets.
 */
export const sql = `
CREATE TABLE "user" (
  "id" text NOT NULL PRIMARY KEY,
  "name" text NOT NULL,
  "email" text NOT NULL UNIQUE,
  "emailVerified" boolean NOT NULL,
  "image" text,
  "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
  "updatedAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
  "role" text
);
CREATE TABLE "session" (
  "id" text NOT NULL PRIMARY KEY,
  "expiresAt" timestamptz NOT NULL,
  "token" text NOT NULL UNIQUE,
  "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
  "updatedAt" timestamptz NOT NULL,
  "ipAddress" text,
  "userAgent" text,
  "userId" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE
);
CREATE TABLE "account" (
  "id" text NOT NULL PRIMARY KEY,
  "accountId" text NOT NULL,
  "providerId" text NOT NULL,
  "userId" text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
  "accessToken" text,
  "refreshToken" text,
  "idToken" text,
  "accessTokenExpiresAt" timestamptz,
  "refreshTokenExpiresAt" timestamptz,
  "scope" text,
  "password" text,
  "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
  "updatedAt" timestamptz NOT NULL
);
CREATE TABLE "verification" (
  "id" text NOT NULL PRIMARY KEY,
  "identifier" text NOT NULL,
  "value" text NOT NULL,
  "expiresAt" timestamptz NOT NULL,
  "createdAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL,
  "updatedAt" timestamptz DEFAULT CURRENT_TIMESTAMP NOT NULL
);
CREATE TABLE "rateLimit" (
  "id" text NOT NULL PRIMARY KEY,
  "key" text NOT NULL UNIQUE,
  "count" integer NOT NULL,
  "lastRequest" bigint NOT NULL
);
CREATE INDEX "session_userId_idx" ON "session" ("userId");
CREATE INDEX "account_userId_idx" ON "account" ("userId");
CREATE INDEX "account_provider_idx" ON "account" ("providerId", "accountId");
CREATE INDEX "verification_identifier_idx" ON "verification" ("identifier");

-- A single-use link an admin hands a new rep; only the token's hash is kept.
CREATE TABLE team_invitation (
  id text PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('rep', 'admin')),
  account_ids text[] NOT NULL DEFAULT '{}',
  created_by text REFERENCES "user" ("id") ON DELETE SET NULL,
  created_at bigint NOT NULL,
  expires_at bigint NOT NULL,
  accepted_at bigint
);
CREATE INDEX team_invitation_by_email ON team_invitation (email) WHERE accepted_at IS NULL;

-- Which rep may read and send from which configured account.
CREATE TABLE account_assignment (
  user_id text NOT NULL REFERENCES "user" ("id") ON DELETE CASCADE,
  account_id text NOT NULL,
  assigned_at bigint NOT NULL,
  PRIMARY KEY (user_id, account_id)
);

-- Fixed-window counters (API requests, provider calls, sign-in attempts), one row per key and window.
CREATE TABLE rate_counter (
  key text NOT NULL,
  window_start bigint NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (key, window_start)
);

-- Provider calls and credits per account and UTC day: the daily budget reads these.
CREATE TABLE provider_usage (
  account_id text NOT NULL,
  day text NOT NULL,
  calls integer NOT NULL DEFAULT 0,
  credits bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, day)
);
`;
