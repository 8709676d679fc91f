import { expect, test, type APIRequestContext } from "@playwright/test";
import { conversationsPageSchema, messagesPageSchema, peopleResponseSchema, personResponseSchema, type Channel, type Person } from "@/lib/contracts/api";
import { errorEnvelopeSchema } from "@/lib/contracts/errors";
import { createFixtureMailbox } from "../../fake-upstream/fixture-mailbox";
import { clearPeople } from "../support/accounts";
import { ACCOUNTS } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";

/**
 * Linked API's inbox is the people the rep added. Right after their syncs nobody's last message is
 * known yet, and reading the inbox learns them: paging it must still serve every person exactly
 * once, at any page size. Then who a person is (their profile, whatever its case), which of their
 * conversations (standard or Sales Navigator), and what a failed person's thread answers.
 */
const ACCOUNT = ACCOUNTS.linkedApi;
const enc = encodeURIComponent;

/** The fixture's people (its `/in/` profiles, companies left out), newest conversation first. */
const FIXTURE_PEOPLE = createFixtureMailbox(Date.now())
  .mailbox.conversations("INBOX")
  .map((c) => c.participant.profile_url ?? "")
  .filter((url) => url.startsWith("https://www.linkedin.com/in/"));

async function add(request: APIRequestContext, profileUrl: string, channel?: Channel): Promise<Person> {
  const response = await request.post(`/api/accounts/${ACCOUNT}/people`, { data: { profileUrl, ...(channel ? { channel } : {}) } });
  expect(response.status(), await response.text()).toBe(201);
  return personResponseSchema.parse(await response.json()).person;
}

async function people(request: APIRequestContext): Promise<Person[]> {
  const response = await request.get(`/api/accounts/${ACCOUNT}/people`);
  expect(response.status()).toBe(200);
  return peopleResponseSchema.parse(await response.json()).people;
}

/** Polls the people list (as the UI does: each read checks pending syncs) until no sync is running. */
async function waitForSyncs(request: APIRequestContext): Promise<Person[]> {
  let latest: Person[] = [];
  await expect
    .poll(
      async () => {
        latest = await people(request);
        return latest.filter((person) => person.state === "syncing").length;
      },
      { timeout: 30_000, intervals: [500] },
    )
    .toBe(0);
  return latest;
}

async function pageInbox(request: APIRequestContext, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const response = await request.get(`/api/accounts/${ACCOUNT}/conversations?${query}`);
    expect(response.status(), await response.text()).toBe(200);
    const body = conversationsPageSchema.parse(await response.json());
    expect(body.conversations.length).toBeLessThanOrEqual(limit);
    ids.push(...body.conversations.map((c) => c.id));
    cursor = body.nextCursor;
    if (cursor === null) return ids;
  }
  throw new Error("inbox paging did not end");
}

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
  await clearPeople(request);
});

test("six people right after their sync: paging the inbox at limit 1, 2, 3 and 20 serves each exactly once, newest first", async ({ request }) => {
  test.setTimeout(120_000);
  const urls = FIXTURE_PEOPLE.slice(0, 6);
  expect(urls).toHaveLength(6);
  const added: Person[] = [];
  for (const url of urls) added.push(await add(request, url));
  expect((await waitForSyncs(request)).map((person) => person.state)).toEqual(Array.from({ length: 6 }, () => "ready"));

  // The fixture's conversations are an hour apart, newest first: the inbox lists them in that order.
  const newestFirst = added.map((person) => person.id);
  for (const limit of [1, 2, 3, 20]) {
    const served = await pageInbox(request, limit);
    expect(served, `limit=${limit}`).toEqual(newestFirst);
  }
});

test("a profile's slug in another case is the same person, shown as first typed", async ({ request }) => {
  const [url] = FIXTURE_PEOPLE.slice(1, 2);
  if (!url) throw new Error("the fixture has no second person");
  const slug = url.slice("https://www.linkedin.com/in/".length);
  const capitalized = `https://www.linkedin.com/in/${slug.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => `${dash}${letter.toUpperCase()}`)}`;
  expect(capitalized).not.toBe(url);

  const first = await add(request, capitalized);
  const again = await add(request, url);
  expect(again.id).toBe(first.id);
  expect(again.profileUrl).toBe(capitalized);
  const listed = await waitForSyncs(request);
  expect(listed.map((person) => [person.id, person.state])).toEqual([[first.id, "ready"]]);
});

test("the rep chooses the channel: a profile's Sales Navigator conversation is its own person; a lead link cannot be standard", async ({ request }) => {
  const [url] = FIXTURE_PEOPLE.slice(1, 2);
  if (!url) throw new Error("the fixture has no second person");
  const standard = await add(request, url);
  const salesNavigator = await add(request, url, "salesNavigator");
  expect(standard.channel).toBe("standard");
  expect(salesNavigator).toMatchObject({ channel: "salesNavigator", profileUrl: url });
  expect(salesNavigator.id).not.toBe(standard.id);
  expect((await add(request, url, "salesNavigator")).id).toBe(salesNavigator.id);

  const listed = await waitForSyncs(request);
  expect(listed.filter((person) => person.state === "ready").map((person) => person.id).sort()).toEqual([standard.id, salesNavigator.id].sort());
  const thread = await request.get(`/api/accounts/${ACCOUNT}/conversations/${enc(salesNavigator.id)}/messages?limit=5`);
  expect(thread.status(), await thread.text()).toBe(200);
  expect(messagesPageSchema.parse(await thread.json()).messages.length).toBeGreaterThan(0);

  const lead = url.replace("/in/", "/sales/lead/");
  const refused = await request.post(`/api/accounts/${ACCOUNT}/people`, { data: { profileUrl: lead, channel: "standard" } });
  expect(refused.status()).toBe(400);
  const { error } = errorEnvelopeSchema.parse(await refused.json());
  expect(error.code).toBe("bad_request");
  expect(error.message).toContain("Sales Navigator lead link");
  expect((await people(request)).map((person) => person.id).sort()).toEqual([standard.id, salesNavigator.id].sort());
});

test("a person LinkedIn does not have: failed with person_not_found, and their thread answers 404 saying so", async ({ request }) => {
  const nobody = await add(request, "https://www.linkedin.com/in/nobody-at-all-404");
  const [failed] = await waitForSyncs(request);
  expect(failed).toMatchObject({ id: nobody.id, state: "failed", failure: { reason: "person_not_found" } });

  for (const query of ["limit=30", "since=0"]) {
    const response = await request.get(`/api/accounts/${ACCOUNT}/conversations/${enc(nobody.id)}/messages?${query}`);
    expect(response.status()).toBe(404);
    const { error } = errorEnvelopeSchema.parse(await response.json());
    expect(error.code).toBe("not_found");
    expect(error.message).toContain("LinkedIn has no person at this address");
    expect(error.message).not.toMatch(/sync it again/i);
  }
  expect(await pageInbox(request, 20)).toEqual([]);
});
