import { expect, test } from "@playwright/test";
import { accountsResponseSchema, conversationsPageSchema, type Conversation } from "@/lib/contracts/api";
import { LONG_THREAD_LENGTH, LONG_THREAD_NAME } from "../../fake-upstream/fixture-mailbox";
import { clearPeople, longThreadId, messagesSince, newestMessages, PROVIDER_ACCOUNTS, wholeThread } from "../support/accounts";
import { ACCOUNTS } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";

/**
 * Each provider, pointed at a server speaking its documented wire format: the long thread comes
 * back whole, each message exactly once and in order, and `since` returns exactly the new ones.
 */
test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
  await clearPeople(request);
});

test("ConnectSafely searches the whole inbox with its own keywords: every match once, across pages, nothing else", async ({ request }) => {
  const everyPage = async (query: string) => {
    const rows: Conversation[] = [];
    let cursor: string | null = null;
    do {
      const response = await request.get(`/api/accounts/${ACCOUNTS.connectSafely}/conversations?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(response.status()).toBe(200);
      const page = conversationsPageSchema.parse(await response.json());
      rows.push(...page.conversations);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return rows;
  };
  const all = await everyPage("limit=50");
  const target = all.at(-1);
  if (target === undefined) throw new Error("the fixture inbox is empty");
  const word = target.participant.name.split(/\s+/)[0]!;
  const expected = all.filter((c) => `${c.participant.name} ${c.lastMessage?.text ?? ""}`.toLowerCase().includes(word.toLowerCase())).map((c) => c.id);

  const found = await everyPage(`limit=2&q=${encodeURIComponent(word.toUpperCase())}`);
  expect(found.map((c) => c.id)).toEqual(expected);
  expect(expected).toContain(target.id);
  expect(expected.length).toBeLessThan(all.length);
});

test("one app serves an account on each of the four providers, with their own capabilities", async ({ request }) => {
  const { accounts } = accountsResponseSchema.parse(await (await request.get("/api/accounts")).json());
  const byId = new Map(accounts.map((a) => [a.id, a]));
  expect([...byId.keys()]).toEqual(PROVIDER_ACCOUNTS.map((a) => a.id));
  const linkupCapabilities = {
    categories: ["INBOX", "UNREAD", "MY_CONNECTIONS", "INMAIL", "STARRED"],
    since: "emulated",
    search: false,
    needsSync: false,
    send: { maxLength: 8_000, subjectForInMail: false },
    push: false,
  };
  expect(byId.get(ACCOUNTS.linkupV2)?.capabilities).toEqual(linkupCapabilities);
  expect(byId.get(ACCOUNTS.linkupV1)?.capabilities).toEqual(linkupCapabilities);
  expect(byId.get(ACCOUNTS.connectSafely)?.capabilities).toEqual({ categories: ["INBOX", "UNREAD"], since: "native", search: true, needsSync: false, send: { maxLength: 8_000, subjectForInMail: false }, push: true });
  expect(byId.get(ACCOUNTS.linkedApi)?.capabilities).toEqual({ categories: ["INBOX"], since: "native", search: false, needsSync: true, send: { maxLength: 1_900, subjectForInMail: true }, push: true });
  // A category the provider cannot filter by is refused, not faked with the whole inbox.
  const starred = await request.get(`/api/accounts/${ACCOUNTS.connectSafely}/conversations?category=STARRED`);
  expect(starred.status()).toBe(400);
  expect((await request.get(`/api/accounts/${ACCOUNTS.linkedApi}/conversations?category=UNREAD`)).status()).toBe(400);
  // Only Linked API has people.
  expect((await request.get(`/api/accounts/${ACCOUNTS.connectSafely}/people`)).status()).toBe(400);
});

for (const account of PROVIDER_ACCOUNTS) {
  test(`${account.name}: the ${LONG_THREAD_LENGTH}-message thread exactly once, in order; since returns exactly the new ones`, async ({ request }) => {
    test.setTimeout(120_000);
    const upstream = fakeUpstream(request);
    const [fixtureId] = await upstream.conversationIds();
    const conversationId = await longThreadId(request, account.id);

    const messages = await wholeThread(request, account.id, conversationId, 100);
    expect(messages).toHaveLength(LONG_THREAD_LENGTH);
    expect(new Set(messages.map((m) => m.id)).size).toBe(LONG_THREAD_LENGTH);
    expect(messages.map((m) => m.text)).toEqual(Array.from({ length: LONG_THREAD_LENGTH }, (_, i) => `${LONG_THREAD_NAME} message ${LONG_THREAD_LENGTH - i} of ${LONG_THREAD_LENGTH}`));
    const times = messages.map((m) => m.sentAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // `since` = the newest message the client holds: it comes back (>=), then only what is new.
    await upstream.addMessage(fixtureId!, `${account.name}: first new message`);
    const [newest] = await newestMessages(request, account.id, conversationId, 1);
    expect(newest?.text).toBe(`${account.name}: first new message`);
    await upstream.addMessage(fixtureId!, `${account.name}: second new message`, true);
    await upstream.addMessage(fixtureId!, `${account.name}: third new message`);
    const fresh = await messagesSince(request, account.id, conversationId, newest!.sentAt);
    expect(fresh.map((m) => m.text)).toEqual([`${account.name}: third new message`, `${account.name}: second new message`, `${account.name}: first new message`]);
    expect(fresh.map((m) => m.fromMe)).toEqual([false, true, false]);
  });
}
