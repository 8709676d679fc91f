import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/server/db";
import type { Database } from "@/lib/server/db/database";
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
});
