import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "@/lib/server/db/database";
import { migrate } from "@/lib/server/db/migrate";
import { openPglite } from "@/lib/server/db/pglite";
import { openPostgres } from "@/lib/server/db/postgres";
import { createMailboxStore } from "@/lib/server/push/mailbox-store";
import { createPushStore, PUSH_EVENT_KEEP_MS, type PushEvent, type PushStore } from "@/lib/server/push/store";
import { createScratchDatabase } from "@/tests/support/postgres-server";

/** The same stores on both backends: bigint columns come back as numbers from one and strings from the other. */
const backends: { name: string; open: () => Promise<Database> }[] = [
  { name: "PGlite (embedded default)", open: () => openPglite() },
  { name: "PostgreSQL server", open: async () => openPostgres(await createScratchDatabase(inject("postgresUrl"))) },
];

const event = (overrides: Partial<PushEvent>): PushEvent => ({
  accountId: "cs",
  eventId: "evt-1",
  conversationId: "conv-a",
  sentAt: 1_000,
  receivedAt: 10_000,
  ...overrides,
});

describe.each(backends)("the push store on $name", ({ open }) => {
  let db: Database | undefined;
  let store: PushStore;
  const database = async () => {
    if (!db) throw new Error("not open");
    return db;
  };

  beforeAll(async () => {
    db = await open();
    await migrate(db);
    store = createPushStore(database);
  }, 30_000);
  afterAll(async () => {
    await db?.close();
  });

  it("stores an event once: a replay of the same id stores nothing, even with other contents", async () => {
    expect(await store.record(event({ eventId: "once" }))).toBe(true);
    expect(await store.record(event({ eventId: "once" }))).toBe(false);
    expect(await store.record(event({ eventId: "once", conversationId: "conv-forged", sentAt: 9_999 }))).toBe(false);
    // The same id on another account is that account's own event.
    expect(await store.record(event({ eventId: "once", accountId: "la" }))).toBe(true);
    expect(await store.changesSince("cs", 0, 50)).not.toContainEqual(expect.objectContaining({ conversationId: "conv-forged" }));
  });

  it("answers each conversation once with its newest message, received at or after `since`, newest first", async () => {
    const account = "changes";
    await store.record(event({ accountId: account, eventId: "e1", conversationId: "a", sentAt: 100, receivedAt: 1_000 }));
    await store.record(event({ accountId: account, eventId: "e2", conversationId: "a", sentAt: 300, receivedAt: 2_000 }));
    await store.record(event({ accountId: account, eventId: "e3", conversationId: "b", sentAt: 200, receivedAt: 2_000 }));
    // A late delivery of an older message does not move the conversation back.
    await store.record(event({ accountId: account, eventId: "e4", conversationId: "a", sentAt: 150, receivedAt: 3_000 }));
    await store.record(event({ accountId: "someone-else", eventId: "e5", conversationId: "c", sentAt: 999, receivedAt: 3_000 }));

    expect(await store.changesSince(account, 0, 50)).toEqual([
      { conversationId: "a", sentAt: 300 },
      { conversationId: "b", sentAt: 200 },
    ]);
    expect(await store.changesSince(account, 2_000, 50)).toEqual([
      { conversationId: "a", sentAt: 300 },
      { conversationId: "b", sentAt: 200 },
    ]);
    expect(await store.changesSince(account, 2_001, 50)).toEqual([{ conversationId: "a", sentAt: 150 }]);
    expect(await store.changesSince(account, 3_001, 50)).toEqual([]);
    expect(await store.changesSince(account, 0, 1)).toEqual([{ conversationId: "a", sentAt: 300 }]);
  });

  it("sweeps what is older than it keeps, and records again what was swept", async () => {
    const account = "sweep";
    const now = 100 * PUSH_EVENT_KEEP_MS;
    await store.record(event({ accountId: account, eventId: "old", receivedAt: now - PUSH_EVENT_KEEP_MS - 1 }));
    await store.record(event({ accountId: account, eventId: "recent", receivedAt: now - 1 }));
    expect(await store.sweep(now - PUSH_EVENT_KEEP_MS)).toBeGreaterThanOrEqual(1);
    expect(await store.record(event({ accountId: account, eventId: "recent" }))).toBe(false);
    expect(await store.record(event({ accountId: account, eventId: "old" }))).toBe(true);
  });

  it("remembers one mailbox per account, the latest seen", async () => {
    const mailboxes = createMailboxStore(database);
    expect(await mailboxes.mailboxOf("cs-mailbox")).toBeUndefined();
    await mailboxes.remember("cs-mailbox", "urn:li:fsd_profile:ACoAA1", 1);
    await mailboxes.remember("cs-mailbox", "urn:li:fsd_profile:ACoAA2", 2);
    expect(await mailboxes.mailboxOf("cs-mailbox")).toBe("urn:li:fsd_profile:ACoAA2");
    expect(await mailboxes.mailboxOf("another")).toBeUndefined();
  });
});
