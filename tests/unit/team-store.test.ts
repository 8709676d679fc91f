import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/server/db";
import type { Database } from "@/lib/server/db/database";
import { migrate } from "@/lib/server/db/migrate";
import { MIGRATIONS } from "@/lib/server/db/migrations";
import { openPglite } from "@/lib/server/db/pglite";
import { createTeamStore } from "@/lib/server/team/store";

let db: Database;
beforeAll(async () => {
  db = await openDatabase({});
  await db.query(`INSERT INTO "user" (id, name, email, "emailVerified", role) VALUES ('admin-1', 'Ada', 'ada@example.com', true, 'admin')`);
});
afterAll(async () => {
  await db.close();
});

describe("team invitations", () => {
  it("a new invitation for an email replaces the pending one: its link no longer works, and joining grants only the new one's accounts", async () => {
    const team = createTeamStore(async () => db);
    const ttlMs = 7 * 24 * 3_600_000;
    const first = await team.createInvitation({ email: "Bob@example.com", role: "admin", accountIds: ["a", "b", "c"], createdBy: "admin-1", ttlMs });
    const second = await team.createInvitation({ email: "bob@example.com", role: "rep", accountIds: ["a"], createdBy: "admin-1", ttlMs });
    expect(await team.invitationByToken(first.token)).toBeUndefined();
    expect((await team.invitationByToken(second.token))?.role).toBe("rep");
    expect((await team.pendingInvitationFor("bob@example.com"))?.accountIds).toEqual(["a"]);
    expect((await team.listInvitations()).filter((invitation) => invitation.email === "bob@example.com")).toHaveLength(1);
  });

  it("two invitations for one email at once leave one pending, and it is one of theirs", async () => {
    const team = createTeamStore(async () => db);
    const ttlMs = 7 * 24 * 3_600_000;
    const invite = (accountIds: string[]) => team.createInvitation({ email: "carol@example.com", role: "rep", accountIds, createdBy: "admin-1", ttlMs });
    const sent = await Promise.all([invite(["a"]), invite(["b"]), invite(["c"])]);
    const pending = (await team.listInvitations()).filter((invitation) => invitation.email === "carol@example.com");
    expect(pending).toHaveLength(1);
    expect(sent.map((s) => s.invitation.id)).toContain(pending[0]!.id);
    const working = await Promise.all(sent.map(async (s) => (await team.invitationByToken(s.token)) !== undefined));
    expect(working.filter(Boolean)).toHaveLength(1);
  });

  it("migration 9 keeps the newest pending invitation of each email, and every accepted one", async () => {
    const old = await openPglite();
    try {
      await migrate(old, MIGRATIONS.filter((m) => m.version < 9));
      const insert = (id: string, email: string, createdAt: number, acceptedAt: number | null) =>
        old.query("INSERT INTO team_invitation (id, token_hash, email, role, created_at, expires_at, accepted_at) VALUES ($1, $1, $2, 'rep', $3, $4, $5)", [
          id,
          email,
          createdAt,
          createdAt + 1_000,
          acceptedAt,
        ]);
      await insert("dan-1", "dan@example.com", 1, null);
      await insert("dan-3", "dan@example.com", 3, null);
      await insert("dan-2", "dan@example.com", 2, null);
      await insert("dan-joined", "dan@example.com", 0, 5);
      await insert("eve-1", "eve@example.com", 1, null);
      await migrate(old);
      const rows = await old.query<{ id: string }>("SELECT id FROM team_invitation ORDER BY id");
      expect(rows.map((row) => row.id)).toEqual(["dan-3", "dan-joined", "eve-1"]);
    } finally {
      await old.close();
    }
  });
});
