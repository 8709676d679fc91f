import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, type Auth } from "@/lib/server/auth/auth";
import { sessionFor } from "@/lib/server/auth/session";
import { openDatabase } from "@/lib/server/db";
import type { Database } from "@/lib/server/db/database";
import { parseEnv } from "@/lib/server/env";
import { createRateCounter } from "@/lib/server/limits/rate-counter";
import { createTeamStore } from "@/lib/server/team/store";

const DAY_MS = 24 * 3_600_000;
const email = "renewed.rep@threadline.test";

let db: Database;
let auth: Auth;
beforeAll(async () => {
  db = await openDatabase({});
  const env = parseEnv({ THREADLINE_ADMIN_EMAILS: email, BETTER_AUTH_SECRET: "a-secret-only-this-test-file-uses-0123456789", BETTER_AUTH_URL: "http://localhost:3000" });
  auth = createAuth({ env, db, team: createTeamStore(async () => db), counter: createRateCounter(async () => db) });
}, 30_000);
afterAll(async () => {
  await db.close();
});

/** Signs in (as the admin named in the env) and returns the Cookie header a browser would send after. */
async function signedIn(): Promise<string> {
  const { headers } = await auth.api.signUpEmail({ body: { email, password: "a-long-password-1", name: "Renée" }, returnHeaders: true });
  const cookie = headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
  expect(cookie).toContain("session_token=");
  return cookie;
}

/** As if the session had been made `days` ago: its end is a week after that. */
async function ageSession(days: number): Promise<void> {
  await db.query(`UPDATE "session" SET "expiresAt" = $1`, [new Date(Date.now() + 7 * DAY_MS - days * DAY_MS)]);
}

async function sessionEnd(): Promise<number> {
  const [row] = await db.query<{ expiresAt: Date | string }>(`SELECT "expiresAt" FROM "session"`);
  return new Date(row!.expiresAt).getTime();
}

describe("sessionFor", () => {
  it("renews a session used after a day only where the new cookie can be sent: a page's read leaves it for the next API answer", async () => {
    const cookie = new Headers({ cookie: await signedIn() });
    await ageSession(2);
    const before = await sessionEnd();

    // A page's render cannot set cookies: it reads the session and renews nothing.
    expect((await sessionFor(auth, cookie))?.user.email).toBe(email);
    expect(await sessionEnd()).toBe(before);

    // An API answer can: the session's end moves a week on, and the answer carries the new cookie.
    const sent: string[] = [];
    expect((await sessionFor(auth, cookie, (lines) => sent.push(...lines)))?.user.email).toBe(email);
    expect(await sessionEnd()).toBeGreaterThan(Date.now() + 6.9 * DAY_MS);
    const renewed = sent.find((line) => line.includes("session_token="));
    expect(renewed).toMatch(/Max-Age=604800/);

    // Renewed once a day, not on every request.
    const again: string[] = [];
    await sessionFor(auth, cookie, (lines) => again.push(...lines));
    expect(again.filter((line) => line.includes("session_token="))).toEqual([]);
  });
});
