import "server-only";
import { isAPIError } from "better-auth/api";
import type { InviteBody, JoinBody, SetupBody, TeamMember, TeamResponse } from "@/lib/contracts/team";
import { listAccountSummaries } from "@/lib/server/accounts";
import { teamStore } from "@/lib/server/app-database";
import { getAuth } from "@/lib/server/auth/auth";
import type { Viewer } from "@/lib/server/auth/viewer";
import { getEnv } from "@/lib/server/env";
import { ApiError } from "@/lib/server/errors";
import { usageToday } from "@/lib/server/limits/usage";
import { isSameSecret } from "@/lib/server/same-secret";
import type { Member } from "./store";

/** The named server functions behind the team routes (admins) and the join and setup doors. */

const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

type Admin = Extract<Viewer, { kind: "member" }>;

function asAdmin(viewer: Viewer): Admin {
  // The gate lets only admins through to these; this narrows the type and guards a misuse.
  if (viewer.kind !== "member" || !viewer.isAdmin) throw new ApiError("not_found", "No such API endpoint.");
  return viewer;
}

function toMember(member: Member, viewer: Admin): TeamMember {
  const isNamedAdmin = getEnv().adminEmails.includes(member.email.toLowerCase());
  return { ...member, role: isNamedAdmin ? "admin" : member.role, isYou: member.id === viewer.userId, isNamedAdmin };
}

function configuredAccountIds(accountIds: readonly string[]): string[] {
  const configured = new Set(listAccountSummaries().map((account) => account.id));
  const unknown = accountIds.filter((id) => !configured.has(id));
  if (unknown.length > 0) throw new ApiError("bad_request", `No such account: ${unknown.slice(0, 3).join(", ")}.`);
  return [...new Set(accountIds)];
}

export async function getTeam(viewer: Viewer): Promise<TeamResponse> {
  const admin = asAdmin(viewer);
  const team = teamStore();
  const [members, invitations, accounts] = await Promise.all([
    team.listMembers(),
    team.listInvitations(),
    Promise.all(listAccountSummaries().map(async ({ id, label, provider }) => ({ id, label, provider, usage: await usageToday(id) }))),
  ]);
  return { members: members.map((member) => toMember(member, admin)), invitations, accounts };
}

export async function invite(viewer: Viewer, body: InviteBody, origin: string): Promise<{ invitation: TeamResponse["invitations"][number]; link: string }> {
  const admin = asAdmin(viewer);
  const accountIds = configuredAccountIds(body.accountIds);
  const team = teamStore();
  if (await team.memberExists(body.email)) throw new ApiError("conflict", "This person is already on the team.");
  const { invitation, token } = await team.createInvitation({ email: body.email, role: body.role, accountIds, createdBy: admin.userId, ttlMs: INVITATION_TTL_MS });
  return { invitation, link: `${getEnv().BETTER_AUTH_URL?.replace(/\/+$/, "") ?? origin}/join/${token}` };
}

export async function revokeInvitation(viewer: Viewer, invitationId: string): Promise<{ revoked: true }> {
  asAdmin(viewer);
  if (!(await teamStore().revokeInvitation(invitationId))) throw new ApiError("not_found", "This invitation was already used or revoked.");
  return { revoked: true };
}

export async function setMemberAccounts(viewer: Viewer, userId: string, accountIds: readonly string[]): Promise<{ member: TeamMember }> {
  const admin = asAdmin(viewer);
  const team = teamStore();
  const member = (await team.listMembers()).find((m) => m.id === userId);
  if (!member) throw new ApiError("not_found", "This person is not on the team.");
  const assigned = configuredAccountIds(accountIds);
  await team.setAssignments(userId, assigned);
  return { member: toMember({ ...member, accountIds: [...assigned].sort() }, admin) };
}

export async function removeMember(viewer: Viewer, userId: string): Promise<{ removed: true }> {
  const admin = asAdmin(viewer);
  if (userId === admin.userId) throw new ApiError("bad_request", "You cannot remove yourself.");
  const team = teamStore();
  const member = (await team.listMembers()).find((m) => m.id === userId);
  if (!member) throw new ApiError("not_found", "This person is not on the team.");
  if (getEnv().adminEmails.includes(member.email.toLowerCase())) {
    throw new ApiError("bad_request", "This admin is named by THREADLINE_ADMIN_EMAILS: remove them there first.");
  }
  await team.removeMember(userId);
  return { removed: true };
}

/** What the join page shows before the rep picks a password: whose invitation, for which email. */
export async function invitationForToken(token: string): Promise<{ email: string; role: "admin" | "rep" } | undefined> {
  const invitation = await teamStore().invitationByToken(token);
  return invitation && { email: invitation.email, role: invitation.role };
}

/** Redeems an invitation with a password: the member is created (Better Auth), the link used up. */
export async function join(body: JoinBody, request: Request): Promise<Response> {
  const invitation = await teamStore().invitationByToken(body.token);
  if (!invitation) throw new ApiError("not_found", "This invitation link is not valid any more: it was used, revoked or has expired. Ask your admin for a new one.");
  return createMember({ email: invitation.email, name: body.name, password: body.password }, request);
}

/** The first sign-in of an admin named by THREADLINE_ADMIN_EMAILS: they choose their password. */
export async function setUpAdmin({ setupCode, ...admin }: SetupBody, request: Request): Promise<Response> {
  const env = getEnv();
  // The code first: without it, nothing tells which emails are the admins'.
  if (!env.THREADLINE_SETUP_CODE) throw new ApiError("forbidden", "Choosing a password here needs THREADLINE_SETUP_CODE set on the server. Sign in with SSO instead, or ask whoever deployed Threadline.");
  if (!isSameSecret(setupCode, env.THREADLINE_SETUP_CODE)) throw new ApiError("forbidden", "That is not the setup code set in THREADLINE_SETUP_CODE.");
  if (!env.adminEmails.includes(admin.email)) throw new ApiError("forbidden", "This email is not one of the admins named in THREADLINE_ADMIN_EMAILS.");
  return createMember(admin, request);
}

const ALREADY_A_MEMBER = "This email already has an account: sign in instead.";

async function createMember(input: { email: string; name: string; password: string }, request: Request): Promise<Response> {
  if (await teamStore().memberExists(input.email)) throw new ApiError("conflict", ALREADY_A_MEMBER);
  const auth = await getAuth();
  try {
    // From the server, with no request: Better Auth's public sign-up stays closed (see auth.ts).
    const { headers } = await auth.api.signUpEmail({ body: input, headers: request.headers, returnHeaders: true });
    const response = Response.json({ signedIn: true }, { status: 201, headers: { "cache-control": "private, no-store" } });
    for (const cookie of headers.getSetCookie()) response.headers.append("set-cookie", cookie);
    return response;
  } catch (error) {
    if (!isAPIError(error)) throw error;
    // The same link redeemed twice at once (a double tap, two devices): the other made the account.
    if (await teamStore().memberExists(input.email)) throw new ApiError("conflict", ALREADY_A_MEMBER);
    throw new ApiError(error.statusCode === 422 ? "conflict" : "bad_request", passwordMessage(error.body?.code) ?? "Could not create the account.");
  }
}

function passwordMessage(code: string | undefined): string | undefined {
  switch (code) {
    case "PASSWORD_TOO_SHORT":
      return "The password is too short: use at least 10 characters.";
    case "PASSWORD_TOO_LONG":
      return "The password is too long: use at most 128 characters.";
    case "USER_ALREADY_EXISTS":
    case "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
      return ALREADY_A_MEMBER;
    default:
      return undefined;
  }
}

/** Whether an admin named by THREADLINE_ADMIN_EMAILS has yet to create their account (/setup is open). */
export async function adminSetupOpen(): Promise<boolean> {
  const team = teamStore();
  for (const email of getEnv().adminEmails) if (!(await team.memberExists(email))) return true;
  return false;
}
