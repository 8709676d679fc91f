import "server-only";
import type { Auth } from "./auth";

type Session = NonNullable<Awaited<ReturnType<Auth["api"]["getSession"]>>>;

/**
 * The Better Auth session behind these request headers. Better Auth renews a session once a day as
 * it is used (a later end in the database, a new 7-day cookie), but only an answer can carry the new
 * cookie: `renew` receives its Set-Cookie lines to send. Without `renew` (a page, whose render sets
 * no cookies) nothing is renewed, so the renewal is left to the next API request instead of being
 * spent where its cookie would be lost, which signed a rep out a week after signing in, however
 * often they came back.
 */
export async function sessionFor(auth: Auth, headers: Headers, renew?: (setCookies: string[]) => void): Promise<Session | null> {
  if (!renew) return auth.api.getSession({ headers, query: { disableRefresh: true } });
  const { headers: answer, response } = await auth.api.getSession({ headers, returnHeaders: true });
  // Only a live session's renewal: a refusal (401) sets no cookies, as before.
  if (response) renew(answer.getSetCookie());
  return response;
}
