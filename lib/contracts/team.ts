/** The team API: who signed in, the members, invitations and account assignments (admins only). */
import { z } from "zod/mini";
import { idParamSchema } from "./queries";
import { withoutControlCharacters } from "./text-checks";
import { usageSchema } from "./usage";

export const roleSchema = z.enum(["admin", "rep"]);
export type Role = z.infer<typeof roleSchema>;

export const viewerSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("demo") }),
  z.object({ kind: z.literal("member"), name: z.string(), email: z.string(), isAdmin: z.boolean() }),
]);
export type ViewerSummary = z.infer<typeof viewerSchema>;

export const memberSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  createdAt: z.number(),
  accountIds: z.array(z.string()),
  /** The signed-in admin themselves (they cannot remove themselves). */
  isYou: z.boolean(),
  /** Named by THREADLINE_ADMIN_EMAILS: an admin whatever the team page says. */
  isNamedAdmin: z.boolean(),
});
export type TeamMember = z.infer<typeof memberSchema>;

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  accountIds: z.array(z.string()),
  createdAt: z.number(),
  expiresAt: z.number(),
});
export type TeamInvitation = z.infer<typeof invitationSchema>;

export const teamResponseSchema = z.object({
  members: z.array(memberSchema),
  invitations: z.array(invitationSchema),
  /** Every configured account, with what its provider calls cost today (the credit meter). */
  accounts: z.array(z.object({ id: z.string(), label: z.string(), provider: z.string(), usage: usageSchema })),
});
export type TeamResponse = z.infer<typeof teamResponseSchema>;

const emailSchema = z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email("must be an email address").check(z.maxLength(320)));
const accountIdsSchema = z.array(idParamSchema).check(z.maxLength(100));

export const inviteBodySchema = z.strictObject({
  email: emailSchema,
  role: z._default(roleSchema, "rep"),
  accountIds: z._default(accountIdsSchema, []),
});
export type InviteBody = z.infer<typeof inviteBodySchema>;

/** The link is shown once, to the admin who made it: only its hash is kept. */
export const invitationCreatedSchema = z.object({ invitation: invitationSchema, link: z.string() });

export const assignmentsBodySchema = z.strictObject({ accountIds: accountIdsSchema });

export const memberResponseSchema = z.object({ member: memberSchema });

const nameSchema = z.string().check(z.trim(), z.minLength(1, "is required"), z.maxLength(100), withoutControlCharacters);
/** Better Auth hashes it (scrypt); 10 to 128 characters. */
const passwordSchema = z.string().check(z.minLength(10, "must be at least 10 characters"), z.maxLength(128, "must be at most 128 characters"));

export const joinBodySchema = z.strictObject({ token: z.string().check(z.minLength(20), z.maxLength(200)), name: nameSchema, password: passwordSchema });
export type JoinBody = z.infer<typeof joinBodySchema>;

export const setupBodySchema = z.strictObject({ email: emailSchema, name: nameSchema, password: passwordSchema, setupCode: z.string().check(z.trim(), z.minLength(1, "is required"), z.maxLength(200)) });
export type SetupBody = z.infer<typeof setupBodySchema>;

export const signedUpSchema = z.object({ signedIn: z.literal(true) });
