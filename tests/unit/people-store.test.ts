import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "@/lib/server/db/database";
import { openDatabase } from "@/lib/server/db";
import { migrate } from "@/lib/server/db/migrate";
import { MIGRATIONS } from "@/lib/server/db/migrations";
import { createPeopleStore } from "@/lib/server/providers/linkedapi/store-sql";
import { openPglite } from "@/lib/server/db/pglite";
import { openPostgres } from "@/lib/server/db/postgres";
import type { PeopleStore } from "@/lib/server/providers/linkedapi/store";
import { createScratchDatabase } from "@/tests/support/postgres-server";
import { newPerson } from "@/tests/unit/support/people-store";

/** The same store, the same tests, on both backends: the embedded default and a real server. */
const backends: { name: string; open: () => Promise<Database> }[] = [
  { name: "PGlite (embedded default)", open: () => openPglite() },
  { name: "PostgreSQL server", open: async () => openPostgres(await createScratchDatabase(inject("postgresUrl"))) },
];

const lena = newPerson("https://www.linkedin.com/in/lena-longthread-0", "standard", "Lena Longthread");
const someone = (slug: string) => newPerson(`https://www.linkedin.com/in/${slug}`, "standard", "Lena Longthread");

describe.each(backends)("people store on $name", ({ open }) => {
  let db: Database | undefined;
  let store: PeopleStore;

  beforeAll(async () => {
    const opened = await open();
    db = opened;
    expect(await migrate(opened)).toEqual(MIGRATIONS.map((m) => m.version));
    store = createPeopleStore(opened);
  }, 30_000);
  afterAll(async () => {
    await db?.close();
  });

  it("applies each migration once, however often it runs", async () => {
    if (!db) throw new Error("not open");
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
    expect(rows.map((row) => Number(row.version))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it("adds a person once per account, URL and channel", async () => {
    const first = await store.add("acc-a", lena, 1_000);
    expect(first.created).toBe(true);
    expect(first.person).toMatchObject({ ...lena, accountId: "acc-a", state: "syncing", resultLink: null, addedAt: 1_000, lastMessage: null });
    const again = await store.add("acc-a", { ...lena, name: "Someone else" }, 2_000);
    expect(again).toEqual({ person: first.person, created: false });
    const salesNav = await store.add("acc-a", { ...lena, channel: "salesNavigator" }, 3_000);
    expect(salesNav.created).toBe(true);
    const otherAccount = await store.add("acc-b", lena, 4_000);
    expect(otherAccount.created).toBe(true);
    expect(new Set([first.person.id, salesNav.person.id, otherAccount.person.id]).size).toBe(3);
  });

  it("one person per profile whatever the case of its slug, shown as first typed; lead ids keep their case", async () => {
    const first = await store.add("acc-case", newPerson("https://www.linkedin.com/in/Jane-Doe"), 10);
    const again = await store.add("acc-case", newPerson("https://www.linkedin.com/in/jane-doe"), 20);
    expect(again).toEqual({ person: first.person, created: false });
    expect(again.person.profileUrl).toBe("https://www.linkedin.com/in/Jane-Doe");
    const lead = await store.add("acc-case", newPerson("https://www.linkedin.com/sales/lead/ACwAAA1", "salesNavigator"), 30);
    const otherLead = await store.add("acc-case", newPerson("https://www.linkedin.com/sales/lead/acwaaa1", "salesNavigator"), 40);
    expect([lead.created, otherLead.created]).toEqual([true, true]);
  });

  it("migration 2 keys the people stored before it, one row kept where a person was stored in two cases", async () => {
    const old = await open();
    try {
      await migrate(old, MIGRATIONS.filter((m) => m.version === 1));
      const insert = (id: string, profileUrl: string, channel: string, state: string, addedAt: number) =>
        old.query("INSERT INTO people (id, account_id, profile_url, channel, name, state, added_at, updated_at) VALUES ($1, 'acc', $2, $3, 'X', $4, $5, $5)", [
          id,
          profileUrl,
          channel,
          state,
          addedAt,
        ]);
      await insert("first-failed", "https://www.linkedin.com/in/Jane-Doe", "standard", "failed", 1);
      await insert("later-ready", "https://www.linkedin.com/in/jane-doe", "standard", "ready", 2);
      await insert("third-syncing", "https://www.linkedin.com/in/JANE-doe", "standard", "syncing", 3);
      await insert("sales-navigator", "https://www.linkedin.com/in/JANE-DOE", "salesNavigator", "syncing", 4);
      await insert("lead-upper", "https://www.linkedin.com/sales/lead/ACwAAA1", "salesNavigator", "ready", 5);
      await insert("lead-lower", "https://www.linkedin.com/sales/lead/acwaaa1", "salesNavigator", "ready", 6);
      expect(await migrate(old)).toEqual(MIGRATIONS.filter((m) => m.version > 1).map((m) => m.version));
      expect(await old.query("SELECT id, profile_url, profile_key FROM people ORDER BY added_at")).toEqual([
        { id: "later-ready", profile_url: "https://www.linkedin.com/in/jane-doe", profile_key: "https://www.linkedin.com/in/jane-doe" },
        { id: "sales-navigator", profile_url: "https://www.linkedin.com/in/JANE-DOE", profile_key: "https://www.linkedin.com/in/jane-doe" },
        { id: "lead-upper", profile_url: "https://www.linkedin.com/sales/lead/ACwAAA1", profile_key: "https://www.linkedin.com/sales/lead/ACwAAA1" },
        { id: "lead-lower", profile_url: "https://www.linkedin.com/sales/lead/acwaaa1", profile_key: "https://www.linkedin.com/sales/lead/acwaaa1" },
      ]);
      // The keys the migration wrote are the ones parsePersonUrl makes.
      const again = await createPeopleStore(old).add("acc", newPerson("linkedin.com/in/JaNe-DoE/"), 7);
      expect(again).toMatchObject({ created: false, person: { id: "later-ready" } });
    } finally {
      await old.close();
    }
  });

  it("survives concurrent adds of the same person as one row", async () => {
    const person = someone("race-9");
    const results = await Promise.all(Array.from({ length: 8 }, () => store.add("acc-race", person, 5_000)));
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.person.id)).size).toBe(1);
    expect(await store.list("acc-race")).toHaveLength(1);
  });

  it("lists an account's people, newest first, and only theirs", async () => {
    const listed = await store.list("acc-a");
    expect(listed.map((person) => [person.channel, person.addedAt])).toEqual([
      ["salesNavigator", 3_000],
      ["standard", 1_000],
    ]);
    expect(await store.list("nobody")).toEqual([]);
  });

  it("moves through the sync states, keeping the failure reason only while failed", async () => {
    const { person } = await store.add("acc-s", someone("states-1"), 10);
    expect(await store.markSyncing("acc-s", person.id, "https://api.linkedapi.io/account/results/abc", 20)).toMatchObject({
      state: "syncing",
      resultLink: "https://api.linkedapi.io/account/results/abc",
      updatedAt: 20,
    });
    expect(await store.markFailed("acc-s", person.id, "person_not_found", 30)).toMatchObject({
      state: "failed",
      failureReason: "person_not_found",
      resultLink: null,
    });
    expect(await store.markSyncing("acc-s", person.id, null, 40)).toMatchObject({ state: "syncing", failureReason: null });
    expect(await store.markReady("acc-s", person.id, 50)).toMatchObject({ state: "ready", syncedAt: 50, failureReason: null });
    expect(await store.markReady("other-account", person.id, 60)).toBeUndefined();
    expect(await store.get("acc-s", person.id)).toMatchObject({ state: "ready", syncedAt: 50 });
  });

  it("keeps the newest last message, never an older one that arrives late", async () => {
    const { person } = await store.add("acc-m", someone("last-2"), 10);
    await store.saveLastMessage("acc-m", person.id, { text: "newer", sentAt: 2_000_000_000_000, fromMe: true }, 20);
    await store.saveLastMessage("acc-m", person.id, { text: "older", sentAt: 1_999_999_999_999, fromMe: false }, 30);
    expect((await store.get("acc-m", person.id))?.lastMessage).toEqual({ text: "newer", sentAt: 2_000_000_000_000, fromMe: true });
  });

  it("removes a person, once", async () => {
    const { person } = await store.add("acc-r", someone("gone-3"), 10);
    expect(await store.remove("acc-r", person.id)).toBe(true);
    expect(await store.remove("acc-r", person.id)).toBe(false);
    expect(await store.get("acc-r", person.id)).toBeUndefined();
  });
});

describe("openDatabase", () => {
  it("persists PGlite on disk across a restart", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(`${tmpdir()}/threadline-pglite-`);
    try {
      const before = await openDatabase({ pgliteDataDir: dir });
      const { person } = await createPeopleStore(before).add("acc", lena, 1);
      await before.close();
      const after = await openDatabase({ pgliteDataDir: dir });
      expect(await createPeopleStore(after).get("acc", person.id)).toMatchObject({ name: "Lena Longthread" });
      await after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
