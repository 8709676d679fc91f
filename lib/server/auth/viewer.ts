import "server-only";
import type { ViewerSummary } from "@/lib/contracts/team";
import { listAccountSummaries } from "@/lib/server/accounts";
import { teamStore } from "@/lib/server/app-database";
import { getEnv } from "@/lib/server/env";
import { getAuth } from "./auth";
import { sessionFor } from "./session";

/** Who is asking, and which accounts they may read and send from. */
export type Viewer =
  | { kind: "demo"; accountIds: ReadonlySet<string>; isAdmin: false }
  | { kind: "member"; userId: string; email: string; name: string; isAdmin: boolean; accountIds: ReadonlySet<string>; rateKey: string };

/** With no provider configured there is nothing private to guard: the demo needs no sign-in. */
export function isDemoMode(): boolean {
  return getEnv().accounts.length === 0;
}

/**
 * The signed-in member behind these request headers (Better Auth's database session, checked on
 * every request), with their accounts: an admin has every configured account, a rep the ones
 * assigned to them. Null when there is no valid session. `renew`: where the answer can set cookies,
 * it receives the renewed session's (see sessionFor).
 */
export async function viewerFor(headers: Headers, renew?: (setCookies: string[]) => void): Promise<Viewer | null> {
  const configured = listAccountSummaries().map((account) => account.id);
  if (isDemoMode()) return { kind: "demo", accountIds: new Set(configured), isAdmin: false };
  const session = await sessionFor(await getAuth(), headers, renew);
  if (!session) return null;
  const { user } = session;
  const isAdmin = user.role === "admin" || getEnv().adminEmails.includes(user.email.toLowerCase());
  const assigned = isAdmin ? configured : (await teamStore().assignedAccounts(user.id)).filter((id) => configured.includes(id));
  return { kind: "member", userId: user.id, email: user.email, name: user.name, isAdmin, accountIds: new Set(assigned), rateKey: `user:${user.id}` };
}

/** What the UI may know of the viewer: never an id or a session. */
export function viewerSummary(viewer: Viewer): ViewerSummary {
  return viewer.kind === "demo" ? { kind: "demo" } : { kind: "member", name: viewer.name, email: viewer.email, isAdmin: viewer.isAdmin };
}
