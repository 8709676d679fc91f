import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Queryable } from "@/lib/server/db/database";

export type Role = "admin" | "rep";

export type Invitation = { id: string; email: string; role: Role; accountIds: string[]; createdAt: number; expiresAt: number };
export type Member = { id: string; name: string; email: string; role: Role; createdAt: number; accountIds: string[] };

const epochMs = z.coerce.number().int();
const roleSchema = z.enum(["admin", "rep"]);
const invitationRow = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  account_ids: z.array(z.string()),
  created_at: epochMs,
  expires_at: epochMs,
});
const memberRow = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string().nullable(),
  created_at: z.coerce.date(),
  account_ids: z.array(z.string()).nullable(),
});

function toInvitation(row: unknown): Invitation {
  const r = invitationRow.parse(row);
  return { id: r.id, email: r.email, role: r.role, accountIds: r.account_ids, createdAt: r.created_at, expiresAt: r.expires_at };
}

/** Only the token's hash is stored: a database leak does not hand out working links. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * The team in the database: invitations (single use, expiring), who may use which account, and
 * the members themselves (Better Auth's "user" table; removing one ends their sessions with them).
 */
export function createTeamStore(database: () => Promise<Queryable>, now: () => number = Date.now) {
  const PENDING = "accepted_at IS NULL AND expires_at > $2";

  return {
    async createInvitation(input: { email: string; role: Role; accountIds: string[]; createdBy: string; ttlMs: number }): Promise<{ invitation: Invitation; token: string }> {
      const db = await database();
      const token = randomBytes(32).toString("base64url");
      const at = now();
      // One pending invitation per email, the newest (a unique index: migration 9): joining by any
      // link uses up every pending one and takes the newest's role, so an earlier link left pending
      // would lend it its accounts. One statement, so two admins inviting at once leave one.
      const [row] = await db.query(
        `INSERT INTO team_invitation (id, token_hash, email, role, account_ids, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (email) WHERE accepted_at IS NULL DO UPDATE SET
           id = EXCLUDED.id, token_hash = EXCLUDED.token_hash, role = EXCLUDED.role, account_ids = EXCLUDED.account_ids,
           created_by = EXCLUDED.created_by, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
         RETURNING *`,
        [randomBytes(12).toString("base64url"), tokenHash(token), input.email.toLowerCase(), input.role, input.accountIds, input.createdBy, at, at + input.ttlMs],
      );
      return { invitation: toInvitation(row), token };
    },

    async invitationByToken(token: string): Promise<Invitation | undefined> {
      const [row] = await (await database()).query(`SELECT * FROM team_invitation WHERE token_hash = $1 AND ${PENDING}`, [tokenHash(token), now()]);
      return row === undefined ? undefined : toInvitation(row);
    },

    /** The newest pending invitation for an email: what lets that person's first sign-in create them. */
    async pendingInvitationFor(email: string): Promise<Invitation | undefined> {
      const [row] = await (await database()).query(`SELECT * FROM team_invitation WHERE email = $1 AND ${PENDING} ORDER BY created_at DESC LIMIT 1`, [
        email.toLowerCase(),
        now(),
      ]);
      return row === undefined ? undefined : toInvitation(row);
    },

    /** Uses up every pending invitation for the email (single use) and gives the new member its accounts. */
    async acceptInvitations(email: string, userId: string): Promise<void> {
      const db = await database();
      const at = now();
      const rows = await db.query(`UPDATE team_invitation SET accepted_at = $3 WHERE email = $1 AND ${PENDING} RETURNING *`, [email.toLowerCase(), at, at]);
      const accountIds = [...new Set(rows.map(toInvitation).flatMap((invitation) => invitation.accountIds))];
      for (const accountId of accountIds) {
        await db.query("INSERT INTO account_assignment (user_id, account_id, assigned_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [userId, accountId, at]);
      }
    },

    async listInvitations(): Promise<Invitation[]> {
      const rows = await (await database()).query(`SELECT * FROM team_invitation WHERE accepted_at IS NULL AND expires_at > $1 ORDER BY created_at DESC`, [now()]);
      return rows.map(toInvitation);
    },

    async revokeInvitation(id: string): Promise<boolean> {
      const rows = await (await database()).query("DELETE FROM team_invitation WHERE id = $1 AND accepted_at IS NULL RETURNING id", [id]);
      return rows.length > 0;
    },

    async listMembers(): Promise<Member[]> {
      const rows = await (await database()).query(
        `SELECT u.id, u.name, u.email, u.role, u."createdAt" AS created_at,
                array_remove(array_agg(a.account_id ORDER BY a.account_id), NULL) AS account_ids
         FROM "user" u LEFT JOIN account_assignment a ON a.user_id = u.id
         GROUP BY u.id ORDER BY u."createdAt"`,
        [],
      );
      return rows.map((row) => {
        const r = memberRow.parse(row);
        return { id: r.id, name: r.name, email: r.email, role: r.role === "admin" ? "admin" : "rep", createdAt: r.created_at.getTime(), accountIds: r.account_ids ?? [] };
      });
    },

    async assignedAccounts(userId: string): Promise<string[]> {
      const rows = await (await database()).query("SELECT account_id FROM account_assignment WHERE user_id = $1", [userId]);
      return rows.map((row) => z.object({ account_id: z.string() }).parse(row).account_id);
    },

    /** Replaces a member's accounts with exactly these. */
    async setAssignments(userId: string, accountIds: readonly string[]): Promise<void> {
      const db = await database();
      await db.query("DELETE FROM account_assignment WHERE user_id = $1 AND NOT (account_id = ANY($2))", [userId, [...accountIds]]);
      for (const accountId of accountIds) {
        await db.query("INSERT INTO account_assignment (user_id, account_id, assigned_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [userId, accountId, now()]);
      }
    },

    /** Removes the member: their sessions, sign-in methods and assignments go with them. */
    async removeMember(userId: string): Promise<boolean> {
      const rows = await (await database()).query(`DELETE FROM "user" WHERE id = $1 RETURNING id`, [userId]);
      return rows.length > 0;
    },

    async memberExists(email: string): Promise<boolean> {
      const rows = await (await database()).query(`SELECT 1 FROM "user" WHERE lower(email) = $1`, [email.toLowerCase()]);
      return rows.length > 0;
    },
  };
}

export type TeamStore = ReturnType<typeof createTeamStore>;
