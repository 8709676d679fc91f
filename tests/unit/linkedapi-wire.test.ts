import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { messagesPageSchema, type Message } from "@/lib/contracts/api";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import { createLinkedApiProvider } from "@/lib/server/providers/linkedapi/adapter";
import { CHECK_AFTER_MS } from "@/lib/server/providers/linkedapi/people";
import { createFixtureMailbox, FIXTURE_SELF, LONG_THREAD_LENGTH, LONG_THREAD_NAME } from "@/tests/fake-upstream/fixture-mailbox";
import { createLinkedApiFake } from "@/tests/fake-upstream/linkedapi";
import { linkedApiFakeWorld } from "@/tests/unit/support/linkedapi-fake";
import { inMemoryPeopleStore } from "@/tests/unit/support/people-store";

/**
 * The adapter against the fake Linked API (tests/fake-upstream/linkedapi.ts) over the browser
 * tests' fixture mailbox, through an injected fetch, with one injected clock for both sides.
 * The fake writes whole-second ISO times, so sentAt values here are whole seconds.
 */
const TOKEN = "wire-account-token";
const IDENTIFICATION = "wire-identification-token";
const SYNC_DELAY_MS = 30_000;
const NEWEST = Date.UTC(2026, 2, 24, 12, 0, 0, 400);
const LENA = "https://www.linkedin.com/in/lena-longthread-0";
const NOAH = "https://www.linkedin.com/in/noah-okafor-1";

const signal = new AbortController().signal;

const store = inMemoryPeopleStore();

function world(options: { token?: string; salesNavigator?: boolean } = {}) {
  const { clock, fixture, fake, fetchFn, requests } = linkedApiFakeWorld({
    newest: NEWEST,
    token: TOKEN,
    identificationToken: IDENTIFICATION,
    syncDelayMs: SYNC_DELAY_MS,
    salesNavigator: options.salesNavigator,
  });
  const provider = createLinkedApiProvider({
    baseUrl: "http://fake.test/linkedapi",
    fetch: fetchFn,
    timeoutMs: 10_000,
    retry: NO_RETRY,
    token: options.token ?? TOKEN,
    identificationToken: IDENTIFICATION,
    accountId: `wire-${randomUUID()}`,
    store,
    now: () => clock.now,
    resultPollDelaysMs: [0, 0],
  });
  return { clock, fixture, fake, provider, requests };
}

async function readWholeThread(provider: ReturnType<typeof world>["provider"], conversationId: string, limit: number) {
  const messages: Message[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages <= 1_000; pages++) {
    const page = await provider.listMessages({ conversationId, limit, cursor }, signal);
    messagesPageSchema.parse({ messages: page.items, nextCursor: page.nextCursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    messages.push(...page.items);
    if (page.nextCursor === null) return { messages, pages };
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not terminate");
}

describe("Linked API over the wire: a rep's journey", () => {
  let w: ReturnType<typeof world>;
  let lenaId = "";
  beforeAll(() => {
    w = world();
  });

  it("add → syncing, and list() stays syncing until the sync has had its time", async () => {
    const lena = await w.provider.people.add({ profileUrl: "linkedin.com/in/lena-longthread-0/" }, signal);
    lenaId = lena.id;
    expect(lena).toMatchObject({ name: LONG_THREAD_NAME, profileUrl: LENA, channel: "standard", state: "syncing" });
    expect(w.requests).toEqual(["POST /linkedapi/account/conversations.synchronize"]);

    expect((await w.provider.people.list(signal)).map((p) => p.state)).toEqual(["syncing"]);
    w.clock.now += SYNC_DELAY_MS - 1;
    expect((await w.provider.people.list(signal)).map((p) => p.state)).toEqual(["syncing"]);
    // Not synchronized yet: reading says so.
    await expect(w.provider.listMessages({ conversationId: lenaId, limit: 10 }, signal)).rejects.toMatchObject({ code: "not_synchronized" });
    // Done now; the list asks again once the sync's turn comes (CHECK_AFTER_MS after the last ask).
    w.clock.now += CHECK_AFTER_MS;
    expect(await w.provider.people.list(signal)).toEqual([{ ...lena, state: "ready", syncedAt: w.clock.now }]);
    expect(w.requests.slice(1).every((r) => /^GET \/linkedapi\/account\/results\/[0-9a-f]+$/.test(r))).toBe(true);
  });

  it("listConversations shows the ready person with the thread's newest message", async () => {
    const page = await w.provider.listConversations({ category: "INBOX", limit: 20 }, signal);
    expect(page).toEqual({
      items: [
        {
          id: lenaId,
          participant: { name: LONG_THREAD_NAME, profileUrl: LENA },
          lastMessage: { text: `${LONG_THREAD_NAME} message 1500 of 1500`, sentAt: Math.floor(NEWEST / 1000) * 1000, fromMe: true },
          unreadCount: 0,
          type: "normal",
        },
      ],
      nextCursor: null,
    });
  });

  it("listMessages pages Lena's 1,500 messages: every one exactly once, newest first", async () => {
    const { messages, pages } = await readWholeThread(w.provider, lenaId, 37);
    expect(pages).toBe(Math.ceil(LONG_THREAD_LENGTH / 37));
    expect(messages).toHaveLength(LONG_THREAD_LENGTH);
    expect(new Set(messages.map((m) => m.id)).size).toBe(LONG_THREAD_LENGTH);
    expect(messages.map((m) => m.text)).toEqual(Array.from({ length: LONG_THREAD_LENGTH }, (_, i) => `${LONG_THREAD_NAME} message ${LONG_THREAD_LENGTH - i} of ${LONG_THREAD_LENGTH}`));
    expect(messages.every((m, i) => i === 0 || m.sentAt <= (messages[i - 1]?.sentAt ?? Infinity))).toBe(true);
    // The fixture's odd-numbered (0-based) messages are the rep's: the 1,500th is one.
    expect(messages.slice(0, 2).map((m) => [m.fromMe, m.sender.name])).toEqual([
      [true, "You"],
      [false, LONG_THREAD_NAME],
    ]);
  });

  it("scrolling back reads the history once: older pages come from the first page's snapshot, a new first page reads fresh", async () => {
    const reads = () => w.requests.filter((r) => r.endsWith("/account/conversations.get")).length;
    const before = reads();
    const { pages } = await readWholeThread(w.provider, lenaId, 100);
    expect(pages).toBe(Math.ceil(LONG_THREAD_LENGTH / 100));
    expect(reads() - before).toBe(1);
    await w.provider.listMessages({ conversationId: lenaId, limit: 30 }, signal);
    expect(reads() - before).toBe(2);
  });

  it("messagesSince returns exactly the messages with sentAt >= since, boundary included, ties too", async () => {
    const second = Math.ceil(w.clock.now / 1000) * 1000 + 5_000;
    const conversationId = w.fixture.conversationIds()[0] ?? "";
    w.fixture.append(conversationId, "one", false, second + 100);
    // Two in the same millisecond as far as the rep can tell: the fake writes whole seconds.
    w.fixture.append(conversationId, "two", true, second + 1_200);
    w.fixture.append(conversationId, "three", false, second + 1_200);
    w.clock.now = second + 2_000;

    const since = async (t: number) => (await w.provider.messagesSince({ conversationId: lenaId, since: t }, signal)).items.map((m) => [m.text, m.sentAt]);
    expect(await since(second + 1_000)).toEqual([
      ["three", second + 1_000],
      ["two", second + 1_000],
    ]);
    expect(await since(second)).toEqual([
      ["three", second + 1_000],
      ["two", second + 1_000],
      ["one", second],
    ]);
    expect(await since(second + 1_001)).toEqual([]);
    const page = await w.provider.messagesSince({ conversationId: lenaId, since: second + 1_000 }, signal);
    expect(page.nextCursor).toBeNull();
    expect(page.items[1]).toMatchObject({ fromMe: true, sender: { name: "You" } });

    const inbox = await w.provider.listConversations({ category: "INBOX", limit: 20 }, signal);
    expect(inbox.items[0]?.lastMessage).toEqual({ text: "three", sentAt: second + 1_000, fromMe: false });
    const { messages } = await readWholeThread(w.provider, lenaId, 100);
    expect(messages).toHaveLength(LONG_THREAD_LENGTH + 3);
    expect(messages.slice(0, 3).map((m) => m.text)).toEqual(["three", "two", "one"]);
  });

  it("an unknown person fails with person_not_found; the rep's own profile with self_profile", async () => {
    const nobody = await w.provider.people.add({ profileUrl: "https://www.linkedin.com/in/nobody-at-all" }, signal);
    const self = await w.provider.people.add({ profileUrl: FIXTURE_SELF.profileUrl }, signal);
    expect([nobody.state, self.state]).toEqual(["syncing", "syncing"]);
    w.clock.now += SYNC_DELAY_MS;
    const people = await w.provider.people.list(signal);
    expect(people.find((p) => p.id === nobody.id)).toMatchObject({
      state: "failed",
      failure: { reason: "person_not_found", message: "LinkedIn has no person at this address." },
    });
    expect(people.find((p) => p.id === self.id)).toMatchObject({ state: "failed", failure: { reason: "self_profile" } });
    expect((await w.provider.listConversations({ category: "INBOX", limit: 20 }, signal)).items.map((c) => c.id)).toEqual([lenaId]);
  });

  it("an expired sync: the thread says not_synchronized and the person is marked failed", async () => {
    w.fake.expire(LENA);
    await expect(w.provider.listMessages({ conversationId: lenaId, limit: 10 }, signal)).rejects.toMatchObject({ code: "not_synchronized" });
    const lena = (await w.provider.people.list(signal)).find((p) => p.id === lenaId);
    expect(lena).toMatchObject({ state: "failed", failure: { reason: "not_synchronized" } });
    await expect(w.provider.messagesSince({ conversationId: lenaId, since: 0 }, signal)).rejects.toMatchObject({ code: "not_synchronized" });
  });

  it("resync makes it ready again", async () => {
    expect((await w.provider.people.resync(lenaId, signal)).state).toBe("syncing");
    w.clock.now += SYNC_DELAY_MS;
    expect((await w.provider.people.list(signal)).find((p) => p.id === lenaId)?.state).toBe("ready");
    const page = await w.provider.listMessages({ conversationId: lenaId, limit: 5 }, signal);
    expect(page.items.map((m) => m.text)).toEqual(["three", "two", "one", `${LONG_THREAD_NAME} message 1500 of 1500`, `${LONG_THREAD_NAME} message 1499 of 1500`]);
  });

  it("a sync that lapses while listed: the inbox leaves the person out and marks them failed", async () => {
    const noah = await w.provider.people.add({ profileUrl: NOAH }, signal);
    w.clock.now += SYNC_DELAY_MS;
    await w.provider.people.list(signal);
    expect((await w.provider.listConversations({ category: "INBOX", limit: 20 }, signal)).items.map((c) => c.id).sort()).toEqual([lenaId, noah.id].sort());
    w.fake.expire(NOAH);
    expect((await w.provider.listConversations({ category: "INBOX", limit: 20 }, signal)).items.map((c) => c.id)).toEqual([lenaId]);
    expect((await w.provider.people.list(signal)).find((p) => p.id === noah.id)).toMatchObject({ failure: { reason: "not_synchronized" } });
  });

  it("remove forgets the person", async () => {
    await w.provider.people.remove(lenaId);
    await expect(w.provider.people.remove(lenaId)).rejects.toMatchObject({ code: "not_found" });
    await expect(w.provider.listMessages({ conversationId: lenaId, limit: 5 }, signal)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("Linked API over the wire: paging the inbox right after a sync", () => {
  /** The fixture's first people (every `/in/` profile, companies left out), newest conversation first. */
  function fixturePeople(w: ReturnType<typeof world>, count: number): string[] {
    return w.fixture.mailbox
      .conversations("INBOX")
      .map((c) => c.participant.profile_url ?? "")
      .filter((url) => url.includes("/in/"))
      .slice(0, count);
  }

  async function addAndSync(w: ReturnType<typeof world>, urls: readonly string[]): Promise<string[]> {
    const ids: string[] = [];
    for (const profileUrl of urls) ids.push((await w.provider.people.add({ profileUrl }, signal)).id);
    w.clock.now += SYNC_DELAY_MS;
    // One list asks about MAX_CHECKS_PER_LIST syncs at most: the next asks about the rest.
    await w.provider.people.list(signal);
    expect((await w.provider.people.list(signal)).every((p) => p.state === "ready")).toBe(true);
    return ids;
  }

  async function pageInbox(w: ReturnType<typeof world>, limit: number) {
    const served: { id: string; sentAt: number | undefined }[] = [];
    let cursor: string | undefined;
    for (let pages = 1; pages <= 100; pages++) {
      const page = await w.provider.listConversations({ category: "INBOX", limit, cursor }, signal);
      expect(page.items.length).toBeLessThanOrEqual(limit);
      served.push(...page.items.map((c) => ({ id: c.id, sentAt: c.lastMessage?.sentAt })));
      if (page.nextCursor === null) return served;
      cursor = page.nextCursor;
    }
    throw new Error("inbox paging did not end");
  }

  // Reading a page stores each person's last message, older than the sync they were ordered by
  // until then: paging must not move anyone it has served back under its cursor.
  it.each([1, 2, 3, 20])("six people, limit %i: each exactly once, newest conversation first, one read per page", async (limit) => {
    const w = world();
    const urls = fixturePeople(w, 6);
    const ids = await addAndSync(w, urls);
    const readsBefore = w.requests.filter((r) => r.endsWith("/conversations.get")).length;
    const served = await pageInbox(w, limit);
    expect(served.map((s) => s.id)).toEqual(ids);
    expect(served.every((s, i) => i === 0 || (s.sentAt ?? 0) <= (served[i - 1]?.sentAt ?? Infinity))).toBe(true);
    expect(w.requests.filter((r) => r.endsWith("/conversations.get")).length - readsBefore).toBe(Math.ceil(6 / limit));
    // And again, now that every last message is known.
    expect((await pageInbox(w, limit)).map((s) => s.id)).toEqual(ids);
  });
});

describe("Linked API over the wire: Sales Navigator", () => {
  it("a lead URL syncs on the salesNavigator channel and reads its thread", async () => {
    const w = world();
    const lead = await w.provider.people.add({ profileUrl: "https://www.linkedin.com/sales/lead/noah-okafor-1" }, signal);
    expect(lead).toMatchObject({ channel: "salesNavigator", state: "syncing" });
    w.clock.now += SYNC_DELAY_MS;
    await w.provider.people.list(signal);
    const page = await w.provider.listMessages({ conversationId: lead.id, limit: 50 }, signal);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.at(-1)?.text).toBe("Noah Okafor message 1 of 4");
  });

  it("a profile URL with the Sales Navigator channel chosen syncs and reads that conversation", async () => {
    const w = world();
    const standard = await w.provider.people.add({ profileUrl: NOAH }, signal);
    const salesNavigator = await w.provider.people.add({ profileUrl: NOAH, channel: "salesNavigator" }, signal);
    expect(salesNavigator).toMatchObject({ channel: "salesNavigator", profileUrl: NOAH, state: "syncing" });
    w.clock.now += SYNC_DELAY_MS;
    const people = await w.provider.people.list(signal);
    expect([standard.id, salesNavigator.id].map((id) => people.find((p) => p.id === id)?.state)).toEqual(["ready", "ready"]);
    const page = await w.provider.listMessages({ conversationId: salesNavigator.id, limit: 50 }, signal);
    expect(page.items.at(-1)?.text).toBe("Noah Okafor message 1 of 4");
  });

  it("without Sales Navigator the person fails with no_sales_navigator", async () => {
    const w = world({ salesNavigator: false });
    const lead = await w.provider.people.add({ profileUrl: "https://www.linkedin.com/sales/lead/noah-okafor-1" }, signal);
    w.clock.now += SYNC_DELAY_MS;
    expect((await w.provider.people.list(signal)).find((p) => p.id === lead.id)).toMatchObject({ failure: { reason: "no_sales_navigator" } });
  });
});

describe("the fake Linked API itself", () => {
  const headers = { "content-type": "application/json", "account-api-token": TOKEN, "identification-token": IDENTIFICATION };
  const body = JSON.stringify({ standard: [{ person: LENA }] });

  it("refuses a wrong token with 401 invalidAccountApiToken, and the adapter says upstream_auth", async () => {
    const w = world();
    const response = await w.fake.handle(new Request("http://x/linkedapi/account/conversations.get", { method: "POST", headers: { ...headers, "account-api-token": "wrong" }, body }));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: "error", error: { errorType: "invalidAccountApiToken" } });
    const current = await w.fake.handle(new Request("http://x/account/conversations.get", { method: "POST", headers: { "linked-api-token": TOKEN, "identification-token": IDENTIFICATION }, body }));
    expect(current.status).toBe(200);

    const wrong = world({ token: "not-the-token" });
    await expect(wrong.provider.people.add({ profileUrl: LENA }, signal)).rejects.toMatchObject({ code: "upstream_auth" });
  });

  it("answers a bad body with 400 invalidRequestBody", async () => {
    const w = world();
    for (const bad of ["{", JSON.stringify({ standard: [{ person: 3 }] }), JSON.stringify({}), JSON.stringify({ standard: [{ person: LENA, since: "soon" }] })]) {
      const response = await w.fake.handle(new Request("http://x/account/conversations.synchronize", { method: "POST", headers, body: bad }));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ status: "error", error: { errorType: "invalidRequestBody" } });
    }
  });

  it("without result-handling: reslink, synchronize blocks until done (long polling), then reads work", async () => {
    const fixture = createFixtureMailbox(NEWEST);
    const fake = createLinkedApiFake({ mailbox: fixture.mailbox, self: FIXTURE_SELF, token: TOKEN, identificationToken: IDENTIFICATION, syncDelayMs: 60 });
    const started = Date.now();
    const sync = await fake.handle(new Request("http://x/account/conversations.synchronize", { method: "POST", headers, body }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    expect(await sync.json()).toEqual({ status: "complete", completion: { standard: [{ person: LENA, result: { success: true } }], salesNavigator: [] } });
    const read = await fake.handle(new Request("http://x/account/conversations.get", { method: "POST", headers, body: JSON.stringify({ standard: [{ person: LENA, since: new Date(NEWEST - 120_000).toISOString() }] }) }));
    const json = (await read.json()) as { completion: { standard: { result: { data: { total: number; messages: { sender: string; time: string }[] } } }[] } };
    const data = json.completion.standard[0]?.result.data;
    // Exclusive since: the message exactly 120 s before the newest is not included.
    expect(data?.total).toBe(2);
    expect(data?.messages.map((m) => m.time)).toEqual([new Date(Math.floor((NEWEST - 60_000) / 1000) * 1000).toISOString().replace(".000Z", "Z"), new Date(Math.floor(NEWEST / 1000) * 1000).toISOString().replace(".000Z", "Z")]);
    fake.reset();
    const afterReset = await fake.handle(new Request("http://x/account/conversations.get", { method: "POST", headers, body }));
    expect(await afterReset.json()).toMatchObject({ completion: { standard: [{ result: { success: false, error: { errorType: "notSynchronized" } } }] } });
  });
});
