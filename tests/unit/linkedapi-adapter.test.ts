import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import getComplete from "@/tests/fixtures/linkedapi/get.complete.seed.json";
import getPartial from "@/tests/fixtures/linkedapi/get.partial.seed.json";
import getRequest from "@/tests/fixtures/linkedapi/get.request.seed.json";
import syncComplete from "@/tests/fixtures/linkedapi/synchronize.complete.seed.json";
import syncPartial from "@/tests/fixtures/linkedapi/synchronize.partial.seed.json";
import syncRequest from "@/tests/fixtures/linkedapi/synchronize.request.seed.json";
import { conversationsPageSchema, messagesPageSchema, personSchema } from "@/lib/contracts/api";
import { ApiError } from "@/lib/server/errors";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import { MeterRefusal, type UpstreamMeter } from "@/lib/server/limits/provider-meter";
import { capabilitiesOf } from "@/lib/server/providers/capabilities";
import { createLinkedApiProvider, LINKEDAPI_CAPABILITIES, type LinkedApiConfig } from "@/lib/server/providers/linkedapi/adapter";
import { createLinkedApiClient } from "@/lib/server/providers/linkedapi/client";
import { CHECK_AFTER_MS, MAX_CHECKS_PER_LIST } from "@/lib/server/providers/linkedapi/people";
import { inMemoryPeopleStore, newPerson } from "@/tests/unit/support/people-store";

/**
 * Contract tests against Linked API's seed page (seeds/linkedapi-conversations.txt): its example
 * payloads are in tests/fixtures/linkedapi/*.seed.json, transcribed as printed except for the
 * commas the page lost (after two "errorType" lines, and a trailing one in the get request).
 */
const BASE = "https://api.linkedapi.test";
const TOKEN = "secret-account-token";
const IDENTIFICATION = "secret-identification-token";
const NOW = Date.UTC(2026, 2, 24, 12, 0, 0);

type Call = { url: string; method: string; headers: Headers; body: unknown };

function stubFetch(answer: (call: Call, index: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body: init?.body === undefined || init.body === null ? undefined : (JSON.parse(String(init.body)) as unknown),
    };
    calls.push(call);
    return answer(call, calls.length - 1);
  };
  return { fetchFn, calls };
}

const store = inMemoryPeopleStore();

function setup(answer: (call: Call, index: number) => Response | Promise<Response>, overrides: Partial<LinkedApiConfig> = {}) {
  const { fetchFn, calls } = stubFetch(answer);
  const accountId = `acct-${randomUUID()}`;
  let clock = NOW;
  const provider = createLinkedApiProvider({
    baseUrl: `${BASE}/`,
    fetch: fetchFn,
    timeoutMs: 2_000,
    retry: NO_RETRY,
    token: TOKEN,
    identificationToken: IDENTIFICATION,
    accountId,
    store,
    now: () => clock,
    resultPollDelaysMs: [0, 0, 0],
    ...overrides,
  });
  /** A person already synchronized, straight into the store. */
  async function ready(profileUrl: string, channel: "standard" | "salesNavigator" = "standard", name = "Person") {
    const { person } = await store.add(accountId, newPerson(profileUrl, channel, name), NOW);
    await store.markReady(accountId, person.id, NOW);
    return person.id;
  }
  /** A running sync's turn to be asked about again comes (CHECK_AFTER_MS). */
  const nextCheck = () => {
    clock += CHECK_AFTER_MS;
  };
  return { provider, calls, accountId, ready, nextCheck };
}

const signal = new AbortController().signal;
const person1 = "https://www.linkedin.com/in/person1";
const person2 = "https://www.linkedin.com/in/person2";
const person3 = "https://www.linkedin.com/in/person3";
const link = (hash: string) => `${BASE}/account/results/${hash}`;
const processing = (hash: string) => Response.json({ status: "processing", process: { message: "Processing", resultLink: link(hash) } });

function expectSecretsOnlyInHeaders(calls: Call[]) {
  for (const call of calls) {
    expect(call.url).not.toContain(TOKEN);
    expect(call.url).not.toContain(IDENTIFICATION);
    expect(JSON.stringify(call.body ?? null)).not.toContain(TOKEN);
    expect(call.headers.get("account-api-token")).toBe(TOKEN);
    expect(call.headers.get("linked-api-token")).toBe(TOKEN);
    expect(call.headers.get("identification-token")).toBe(IDENTIFICATION);
  }
}

describe("Linked API: capabilities and the seed's request shapes", () => {
  it("says what it can do; needing a sync and sending follow from having people and a sender, for it as for an adapter without them", () => {
    const { provider } = setup(() => Response.json({}));
    const send = { maxLength: 1_900, subjectForInMail: true };
    expect(provider.capabilities).toBe(LINKEDAPI_CAPABILITIES);
    expect(capabilitiesOf(provider)).toEqual({ categories: ["INBOX"], since: "native", search: false, needsSync: true, send, push: false });
    expect(capabilitiesOf({ ...provider, people: undefined })).toEqual({ categories: ["INBOX"], since: "native", search: false, needsSync: false, send, push: false });
    expect(capabilitiesOf({ ...provider, sender: undefined })).toEqual({ categories: ["INBOX"], since: "native", search: false, needsSync: true, send: null, push: false });
  });

  it("sends a synchronize body of the seed's shape, with a result link requested", async () => {
    const { provider, calls } = setup(() => processing("abc"));
    await provider.people.add({ profileUrl: person1 }, signal);
    await provider.people.add({ profileUrl: "https://www.linkedin.com/sales/lead/ACwAAA123" }, signal);
    expect(calls.map((c) => [c.method, c.url])).toEqual([
      ["POST", `${BASE}/account/conversations.synchronize`],
      ["POST", `${BASE}/account/conversations.synchronize`],
    ]);
    expect(calls[0]?.body).toEqual({ standard: [{ person: person1 }], salesNavigator: [] });
    expect(calls[1]?.body).toEqual({ standard: [], salesNavigator: [{ person: "https://www.linkedin.com/sales/lead/ACwAAA123" }] });
    // Same keys and nesting as the seed's example request.
    expect(Object.keys(calls[0]?.body as object).sort()).toEqual(Object.keys(syncRequest).sort());
    expect(calls[0]?.headers.get("result-handling")).toBe("reslink");
    expect(calls[0]?.headers.get("content-type")).toBe("application/json");
    expectSecretsOnlyInHeaders(calls);
  });

  it("sends a conversations.get body of the seed's shape, long polling, since written like the seed's", async () => {
    const { provider, calls, ready } = setup(() => Response.json(getComplete));
    const id = await ready(person1);
    await provider.messagesSince({ conversationId: id, since: Date.parse("2023-01-02T10:35:00Z") }, signal);
    expect(calls[0]?.url).toBe(`${BASE}/account/conversations.get`);
    expect(calls[0]?.headers.get("result-handling")).toBeNull();
    // One second earlier, floored: Linked API's boundary is undocumented, so we widen it and filter.
    expect(calls[0]?.body).toEqual({ standard: [{ person: person1, since: "2023-01-02T10:34:59Z" }], salesNavigator: [] });
    const seedEntry = getRequest.standard[0];
    expect(Object.keys((calls[0]?.body as { standard: object[] }).standard[0] ?? {}).sort()).toEqual(Object.keys(seedEntry ?? {}).sort());
    expectSecretsOnlyInHeaders(calls);
  });
});

describe("Linked API people: add, list, resync, remove", () => {
  it("add starts a sync without waiting and keeps the result link; list checks it with the same credentials", async () => {
    const answers = [processing("h1"), processing("h1"), Response.json(syncComplete)];
    const { provider, calls, accountId, nextCheck } = setup((_, index) => answers[index] ?? Response.json({}, { status: 500 }));
    const added = await provider.people.add({ profileUrl: "linkedin.com/in/person1/", name: "  Person One " }, signal);
    expect(personSchema.parse(added)).toEqual({
      id: expect.any(String),
      name: "Person One",
      profileUrl: person1,
      channel: "standard",
      state: "syncing",
      addedAt: NOW,
    });
    expect((await store.get(accountId, added.id))?.resultLink).toBe(link("h1"));
    // Every tab's list polls every few seconds: a sync is asked about only once its turn comes.
    await provider.people.list(signal);
    expect(calls).toHaveLength(1);

    nextCheck();
    const stillSyncing = await provider.people.list(signal);
    expect(stillSyncing.map((p) => p.state)).toEqual(["syncing"]);
    nextCheck();
    const done = await provider.people.list(signal);
    expect(done).toEqual([{ ...added, state: "ready", syncedAt: NOW + 2 * CHECK_AFTER_MS }]);
    expect(calls.slice(1).map((c) => [c.method, c.url, c.body])).toEqual([
      ["GET", link("h1"), undefined],
      ["GET", link("h1"), undefined],
    ]);
    expectSecretsOnlyInHeaders(calls);
    // Ready people are not checked again.
    await provider.people.list(signal);
    expect(calls).toHaveLength(3);
  });

  it("follows at most maxPeople per account: one more is refused before any sync starts; re-adding someone followed is still fine", async () => {
    const { provider, calls } = setup(() => processing("cap"), { maxPeople: 2 });
    await provider.people.add({ profileUrl: person1 }, signal);
    await provider.people.add({ profileUrl: person2 }, signal);
    const before = calls.length;
    await expect(provider.people.add({ profileUrl: person3 }, signal)).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("2 people") });
    expect(calls).toHaveLength(before);
    expect((await provider.people.add({ profileUrl: person1 }, signal)).state).toBe("syncing");
  });

  it("one list asks about at most MAX_CHECKS_PER_LIST pending syncs, the longest-waiting first", async () => {
    const { provider, calls, accountId, nextCheck } = setup(() => processing("still"));
    for (let i = 0; i < MAX_CHECKS_PER_LIST + 5; i++) {
      const { person } = await store.add(accountId, newPerson(`https://www.linkedin.com/in/pending-${i}`, "standard", `P${i}`), NOW - 1_000 + i);
      await store.markSyncing(accountId, person.id, link(`p${i}`), NOW - 1_000 + i);
    }
    nextCheck();
    await provider.people.list(signal);
    expect(calls).toHaveLength(MAX_CHECKS_PER_LIST);
    expect(calls.map((c) => c.url)).toEqual(expect.arrayContaining([link("p0"), link("p1")]));
    expect(calls.map((c) => c.url)).not.toContain(link(`p${MAX_CHECKS_PER_LIST + 4}`));
  });

  it("a list whose every check failed for a passing reason says so (the provider's error), not 'synchronizing'; one check that went through is enough to answer", async () => {
    let down = true;
    const { provider, accountId, nextCheck } = setup(() => (down ? Response.json({}, { status: 503 }) : processing("still")));
    for (const i of [1, 2]) {
      const { person } = await store.add(accountId, newPerson(`https://www.linkedin.com/in/waiting-${i}`, "standard", `W${i}`), NOW - 1_000);
      await store.markSyncing(accountId, person.id, link(`w${i}`), NOW - 1_000 + i);
    }
    nextCheck();
    await expect(provider.people.list(signal)).rejects.toMatchObject({ code: "upstream_error" });
    // Both are still syncing: nothing about them was decided.
    expect((await store.list(accountId)).map((record) => record.state)).toEqual(["syncing", "syncing"]);
    down = false;
    nextCheck();
    expect((await provider.people.list(signal)).map((person) => person.state)).toEqual(["syncing", "syncing"]);
  });

  it("takes the seed's all-success answer when synchronize completes at once", async () => {
    const { provider } = setup(() => Response.json(syncComplete));
    for (const profileUrl of [person1, person2]) {
      expect(await provider.people.add({ profileUrl }, signal)).toMatchObject({ state: "ready", syncedAt: NOW });
    }
  });

  it("names people from their URL unless the rep gave a name", async () => {
    const { provider } = setup(() => processing("n"));
    expect((await provider.people.add({ profileUrl: "https://www.linkedin.com/in/jane-doe-42" }, signal)).name).toBe("Jane Doe");
    expect((await provider.people.add({ profileUrl: "https://www.linkedin.com/in/x-1", name: "Xavier" }, signal)).name).toBe("Xavier");
  });

  it("the seed's partial answer: personNotFound is a failed person with our message, not Linked API's", async () => {
    const { provider } = setup(() => Response.json(syncPartial));
    const ok = await provider.people.add({ profileUrl: person1 }, signal);
    const missing = await provider.people.add({ profileUrl: person2 }, signal);
    expect(ok.state).toBe("ready");
    expect(missing).toMatchObject({ state: "failed", failure: { reason: "person_not_found", message: "LinkedIn has no person at this address." } });
    expect(missing.failure?.message).not.toContain("provided URL");
  });

  it.each([
    ["noSalesNavigator", "no_sales_navigator"],
    ["selfProfileNotAllowed", "self_profile"],
    ["somethingNew", "upstream_error"],
  ])("a per-person %s is a failed person (%s)", async (errorType, reason) => {
    const body = { status: "complete", completion: { standard: [{ person: person1, result: { success: false, error: { errorType, message: "UPSTREAM TEXT" } } }] } };
    const { provider } = setup(() => Response.json(body));
    const person = await provider.people.add({ profileUrl: person1 }, signal);
    expect(person).toMatchObject({ state: "failed", failure: { reason } });
    expect(person.failure?.message).not.toContain("UPSTREAM TEXT");
  });

  it("tolerates the older variant: running + progress.resultLink, then completed", async () => {
    const answers = [
      Response.json({ status: "running", progress: { resultLink: link("old") } }),
      Response.json({ status: "completed", completion: { standard: [{ person: `${person1}/`, result: { success: true } }] } }),
    ];
    const { provider, calls, nextCheck } = setup((_, index) => answers[index] ?? Response.json({}, { status: 500 }));
    expect((await provider.people.add({ profileUrl: person1 }, signal)).state).toBe("syncing");
    nextCheck();
    expect((await provider.people.list(signal))[0]?.state).toBe("ready");
    expect(calls[1]?.url).toBe(link("old"));
  });

  it("is idempotent per person URL, and rejects what is not a LinkedIn person before calling anyone", async () => {
    const { provider, calls } = setup(() => processing("x"));
    const first = await provider.people.add({ profileUrl: person1 }, signal);
    const again = await provider.people.add({ profileUrl: "https://linkedin.com/in/person1?utm=x" }, signal);
    expect(again.id).toBe(first.id);
    expect(calls).toHaveLength(1);
    for (const bad of ["https://example.com/in/jane", "https://www.linkedin.com/company/acme", "not a url"]) {
      await expect(provider.people.add({ profileUrl: bad }, signal)).rejects.toMatchObject({ code: "bad_request" });
    }
    expect(calls).toHaveLength(1);
  });

  it("one person whatever the case of their profile slug, shown and synced as first typed; lead ids keep their case", async () => {
    const { provider, calls } = setup(() => processing("x"));
    const jane = await provider.people.add({ profileUrl: "https://www.linkedin.com/in/Jane-Doe" }, signal);
    const again = await provider.people.add({ profileUrl: "linkedin.com/in/jane-doe/" }, signal);
    expect(again).toEqual(jane);
    expect(jane).toMatchObject({ name: "Jane Doe", profileUrl: "https://www.linkedin.com/in/Jane-Doe" });
    expect(calls.map((c) => c.body)).toEqual([{ standard: [{ person: "https://www.linkedin.com/in/Jane-Doe" }], salesNavigator: [] }]);
    const lead = await provider.people.add({ profileUrl: "https://www.linkedin.com/sales/lead/ACwAAA1" }, signal);
    const otherLead = await provider.people.add({ profileUrl: "https://www.linkedin.com/sales/lead/acwaaa1" }, signal);
    expect(otherLead.id).not.toBe(lead.id);
    expect((await provider.people.list(signal)).map((p) => p.profileUrl).sort()).toEqual([
      "https://www.linkedin.com/in/Jane-Doe",
      "https://www.linkedin.com/sales/lead/ACwAAA1",
      "https://www.linkedin.com/sales/lead/acwaaa1",
    ]);
  });

  it("the rep chooses the channel: a profile's Sales Navigator conversation, each channel its own person; a lead link is never standard", async () => {
    const { provider, calls } = setup(() => processing("c"));
    const standard = await provider.people.add({ profileUrl: person1 }, signal);
    const salesNavigator = await provider.people.add({ profileUrl: person1, channel: "salesNavigator" }, signal);
    expect([standard.channel, salesNavigator.channel]).toEqual(["standard", "salesNavigator"]);
    expect(salesNavigator.id).not.toBe(standard.id);
    expect(calls.map((c) => c.body)).toEqual([
      { standard: [{ person: person1 }], salesNavigator: [] },
      { standard: [], salesNavigator: [{ person: person1 }] },
    ]);
    expect((await provider.people.add({ profileUrl: `${person1}/`, channel: "salesNavigator" }, signal)).id).toBe(salesNavigator.id);
    expect((await provider.people.add({ profileUrl: "https://www.linkedin.com/sales/lead/ACwAAA9", channel: "salesNavigator" }, signal)).channel).toBe("salesNavigator");
    expect(calls).toHaveLength(3);
    const refused = await provider.people.add({ profileUrl: "https://www.linkedin.com/sales/lead/ACwAAA9", channel: "standard" }, signal).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "bad_request", message: expect.stringContaining("Sales Navigator lead link") });
    expect(calls).toHaveLength(3);
  });

  it("a transient failure starting the sync is not retried at once; the people list starts it again, at most every 30 s", async () => {
    const answers = [new Response("oops", { status: 503 }), processing("later")];
    let clock = NOW;
    const { provider, calls, accountId } = setup((_, index) => answers[index] ?? processing("later"), { now: () => clock, retry: undefined });
    const person = await provider.people.add({ profileUrl: person1 }, signal);
    expect(person.state).toBe("syncing");
    // Even under the read retry policy, a start is sent once: a second one could start the sync twice.
    expect(calls).toHaveLength(1);
    expect((await store.get(accountId, person.id))?.resultLink).toBeNull();
    clock += 29_000;
    await provider.people.list(signal);
    expect(calls).toHaveLength(1);
    clock += 2_000;
    await provider.people.list(signal);
    expect(calls[1]?.url).toBe(`${BASE}/account/conversations.synchronize`);
    expect((await store.get(accountId, person.id))?.resultLink).toBe(link("later"));
  });

  it("a restart that fails for a passing reason waits its 30 s again, and of two people lists at once only one restarts the sync", async () => {
    const answers = [new Response("oops", { status: 503 }), new Response("oops", { status: 503 })];
    let clock = NOW;
    const { provider, calls, accountId } = setup((_, index) => answers[index] ?? processing("later"), { now: () => clock, retry: undefined });
    const person = await provider.people.add({ profileUrl: person1 }, signal);
    clock += 31_000;
    // The restart failed, and it was all this list asked: the list says so.
    await expect(provider.people.list(signal)).rejects.toMatchObject({ code: "upstream_error" });
    expect(calls).toHaveLength(2);
    // Every device polls the list every few seconds while someone syncs: the failed restart is not asked again at once.
    clock += 3_000;
    await provider.people.list(signal);
    expect(calls).toHaveLength(2);
    clock += 28_000;
    const lists = await Promise.all([provider.people.list(signal), provider.people.list(signal)]);
    expect(calls).toHaveLength(3);
    expect(lists.map((list) => list.map((p) => p.state))).toEqual([["syncing"], ["syncing"]]);
    expect((await store.get(accountId, person.id))?.resultLink).toBe(link("later"));
  });

  it("a daily action limit (limitExceeded) fails the sync instead of leaving it to be retried forever", async () => {
    const { provider } = setup(() => Response.json({ success: false, error: { type: "limitExceeded", message: "daily limit" } }, { status: 429 }));
    const person = await provider.people.add({ profileUrl: person1 }, signal);
    expect(person).toMatchObject({ state: "failed", failure: { reason: "upstream_error" } });
  });

  it("our own limits refusing a start or a check fail no sync: the budget or the minute's limit is the rep's answer, the person stays syncing", async () => {
    let refuse: MeterRefusal | null = null;
    let refused = 0;
    const meter: UpstreamMeter = {
      beforeCall: async () => {
        if (!refuse) return;
        refused++;
        throw refuse;
      },
      afterCall: async () => undefined,
    };
    let clock = NOW;
    const { provider, calls, accountId } = setup(() => processing("p"), { meter, now: () => clock });
    refuse = new MeterRefusal("budget_exhausted", "spent for today", { retryAfter: 3_600 });
    await expect(provider.people.add({ profileUrl: person1 }, signal)).rejects.toMatchObject({ code: "budget_exhausted" });
    expect([refused, calls.length]).toEqual([1, 0]);
    const [person] = await store.list(accountId);
    if (!person) throw new Error("the person was not kept");
    expect(person).toMatchObject({ state: "syncing", resultLink: null });

    refuse = null;
    clock += 31_000;
    await provider.people.list(signal);
    expect((await store.get(accountId, person.id))?.resultLink).toBe(link("p"));

    refuse = new MeterRefusal("rate_limited", "this minute's calls are spent", { retryAfter: 20 });
    clock += 31_000;
    await expect(provider.people.list(signal)).rejects.toMatchObject({ code: "rate_limited", retryAfter: 20 });
    expect(refused).toBe(2);
    expect((await store.get(accountId, person.id))?.state).toBe("syncing");
    expect((await store.get(accountId, person.id))?.resultLink).toBe(link("p"));
  });

  it("a transient failure checking a link changes nothing (the list says it failed); a failed sync job fails the person; bad credentials fail the list", async () => {
    let answer: () => Response = () => processing("p");
    const { provider, accountId, nextCheck } = setup(() => answer());
    const person = await provider.people.add({ profileUrl: person1 }, signal);
    answer = () => new Response("", { status: 502 });
    nextCheck();
    await expect(provider.people.list(signal)).rejects.toMatchObject({ code: "upstream_error" });
    expect((await store.get(accountId, person.id))).toMatchObject({ state: "syncing", resultLink: link("p") });
    answer = () => Response.json({ status: "error", error: { errorType: "invalidAccountApiToken", message: "no" } }, { status: 401 });
    nextCheck();
    await expect(provider.people.list(signal)).rejects.toMatchObject({ code: "upstream_auth" });
    answer = () => Response.json({ status: "error", error: { errorType: "somethingBroke", message: "SECRET" } });
    nextCheck();
    const [failed] = await provider.people.list(signal);
    expect(failed).toMatchObject({ state: "failed", failure: { reason: "upstream_error" } });
  });

  it("resync starts a new sync for a failed person; remove forgets; unknown ids are not_found", async () => {
    let answer = () => Response.json(syncPartial);
    const { provider, calls, accountId } = setup(() => answer());
    const failed = await provider.people.add({ profileUrl: person2 }, signal);
    expect(failed.state).toBe("failed");
    answer = () => processing("again");
    const resynced = await provider.people.resync(failed.id, signal);
    expect(resynced).toMatchObject({ id: failed.id, state: "syncing" });
    expect(resynced.failure).toBeUndefined();
    // Adding a failed person again also retries.
    answer = () => Response.json(syncComplete);
    await store.markFailed(accountId, failed.id, "person_not_found", NOW);
    expect((await provider.people.add({ profileUrl: person2 }, signal)).state).toBe("ready");
    expect(calls).toHaveLength(3);
    await provider.people.remove(failed.id);
    expect(await provider.people.list(signal)).toEqual([]);
    await expect(provider.people.remove(failed.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(provider.people.resync("nope", signal)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("Linked API: result links are only followed on our own API", () => {
  const evil = [
    "https://evil.example/account/results/abc",
    "http://api.linkedapi.test/account/results/abc",
    "https://api.linkedapi.test.evil.example/account/results/abc",
    "https://user:pw@api.linkedapi.test/account/results/abc",
    "https://api.linkedapi.test/account/other/abc",
    "https://api.linkedapi.test/account/results/",
    "https://api.linkedapi.test/account/results/../../admin/x",
    "/account/results/abc",
  ];

  it.each(evil)("a synchronize answering with %s fails the person and is never fetched", async (resultLink) => {
    const { provider, calls } = setup(() => Response.json({ status: "processing", process: { resultLink } }));
    const person = await provider.people.add({ profileUrl: person1 }, signal);
    expect(person).toMatchObject({ state: "failed", failure: { reason: "upstream_error" } });
    await provider.people.list(signal);
    expect(calls).toHaveLength(1);
  });

  it("conversations.get answering processing with a foreign link is upstream_invalid, never fetched", async () => {
    const { provider, calls, ready } = setup(() => Response.json({ status: "processing", process: { resultLink: "https://evil.example/account/results/x" } }));
    const id = await ready(person1);
    await expect(provider.listMessages({ conversationId: id, limit: 10 }, signal)).rejects.toMatchObject({ code: "upstream_invalid" });
    expect(calls).toHaveLength(1);
  });

  it("honours the base URL's path prefix", () => {
    const client = createLinkedApiClient({ baseUrl: "https://proxy.test/linkedapi", fetch, timeoutMs: 1, token: "t", identificationToken: "i" });
    expect(client.trustedResultLink("https://proxy.test/linkedapi/account/results/abc")).toBe("https://proxy.test/linkedapi/account/results/abc");
    expect(() => client.trustedResultLink("https://proxy.test/account/results/abc")).toThrow(ApiError);
    expect(() => client.trustedResultLink("https://proxy.test/linkedapi-evil/account/results/abc")).toThrow(ApiError);
  });

  it("a stored link from another base URL is not followed: the sync starts over", async () => {
    const { provider, calls, accountId, nextCheck } = setup(() => processing("fresh"));
    const { person } = await store.add(accountId, newPerson(person1), NOW);
    await store.markSyncing(accountId, person.id, "https://old-host.example/account/results/zzz", NOW);
    nextCheck();
    await provider.people.list(signal);
    expect(calls.map((c) => c.url)).toEqual([`${BASE}/account/conversations.synchronize`]);
    expect((await store.get(accountId, person.id))?.resultLink).toBe(link("fresh"));
  });
});

describe("Linked API: listConversations", () => {
  it("lists ready people with one batched read of the seed's complete answer, newest activity first on the next call", async () => {
    const { provider, calls, ready, accountId } = setup(() => Response.json(getComplete));
    const id1 = await ready(person1, "standard", "Person One");
    const id2 = await ready(person2, "standard", "Person Two");
    const id3 = await ready(person3, "salesNavigator", "Person Three");
    const { person: syncing } = await store.add(accountId, newPerson("https://www.linkedin.com/in/not-yet", "standard", "Not Yet"), NOW);

    const first = await provider.listConversations({ category: "INBOX", limit: 20 }, signal);
    expect(calls).toHaveLength(1);
    const body = calls[0]?.body as { standard: { person: string }[]; salesNavigator: { person: string }[] };
    expect(body.standard.map((e) => e.person).sort()).toEqual([person1, person2]);
    expect(body.salesNavigator).toEqual([{ person: person3 }]);
    expect(conversationsPageSchema.parse({ conversations: first.items, nextCursor: first.nextCursor })).toBeTruthy();
    expect(first.items.map((c) => c.id)).not.toContain(syncing.id);
    expect(first.nextCursor).toBeNull();

    const second = await provider.listConversations({ category: "INBOX", limit: 20 }, signal);
    expect(second.items).toEqual([
      {
        id: id3,
        participant: { name: "Person Three", profileUrl: person3 },
        lastMessage: { text: "Thanks for reaching out! Let's connect.", sentAt: Date.parse("2023-01-04T11:20:00Z"), fromMe: true },
        unreadCount: 0,
        // Sales Navigator: answered like an InMail, with a subject.
        type: "inmail",
      },
      {
        id: id2,
        participant: { name: "Person Two", profileUrl: person2 },
        lastMessage: { text: "How about this afternoon?", sentAt: Date.parse("2023-01-03T09:10:00Z"), fromMe: true },
        unreadCount: 0,
        type: "normal",
      },
      {
        id: id1,
        participant: { name: "Person One", profileUrl: person1 },
        lastMessage: { text: "I'm doing well, thanks for asking!", sentAt: Date.parse("2023-01-02T10:35:00Z"), fromMe: false },
        unreadCount: 0,
        type: "normal",
      },
    ]);
    // The second refresh asks only for what is new since each stored last message.
    expect(calls[1]?.body).toEqual({
      standard: [
        { person: person2, since: "2023-01-03T09:09:59Z" },
        { person: person1, since: "2023-01-02T10:34:59Z" },
      ],
      salesNavigator: [{ person: person3, since: "2023-01-04T11:19:59Z" }],
    });
  });

  it("a new message from a person below the first page puts them first at the next first page: its one batched read asks about everyone ready", async () => {
    const latest = new Map<string, string>();
    const { provider, ready, calls } = setup((call) => {
      const body = call.body as { standard: { person: string; since?: string }[] };
      const standard = body.standard.map((entry) => {
        const time = latest.get(entry.person) ?? "2023-01-01T00:00:00Z";
        const fresh = entry.since === undefined || Date.parse(time) >= Date.parse(entry.since);
        return { person: entry.person, result: { success: true, data: { messages: fresh ? [{ id: `${entry.person}@${time}`, sender: "them", text: "hi", time }] : [] } } };
      });
      return Response.json({ status: "complete", completion: { standard, salesNavigator: [] } });
    });
    const people = [person1, person2, person3, "https://www.linkedin.com/in/person4"];
    const ids: string[] = [];
    for (const [index, person] of people.entries()) {
      latest.set(person, `2023-01-0${5 - index}T10:00:00Z`);
      ids.push(await ready(person));
    }
    expect((await provider.listConversations({ category: "INBOX", limit: 2 }, signal)).items.map((c) => c.id)).toEqual([ids[0], ids[1]]);
    latest.set(people[3]!, "2023-01-09T10:00:00Z");
    const head = await provider.listConversations({ category: "INBOX", limit: 2 }, signal);
    expect(head.items.map((c) => c.id)).toEqual([ids[3], ids[0]]);
    expect(head.items[0]?.lastMessage?.sentAt).toBe(Date.parse("2023-01-09T10:00:00Z"));
    // Still one call per first page.
    expect(calls).toHaveLength(2);
  });

  it("the seed's partial answer: notSynchronized people are marked failed and left out", async () => {
    const { provider, ready } = setup(() => Response.json(getPartial));
    const id1 = await ready(person1);
    await ready(person2);
    await ready(person3, "salesNavigator");
    const page = await provider.listConversations({ category: "INBOX", limit: 20 }, signal);
    expect(page.items.map((c) => c.id)).toEqual([id1]);
    const people = await provider.people.list(signal);
    expect(people.filter((p) => p.state === "failed").map((p) => [p.profileUrl, p.failure?.reason]).sort()).toEqual([
      [person2, "not_synchronized"],
      [person3, "not_synchronized"],
    ]);
  });

  it("pages with our cursor, each person once, one batched read per page", async () => {
    const { provider, calls, ready } = setup((call) => {
      const body = call.body as { standard: { person: string }[] };
      return Response.json({
        status: "complete",
        completion: { standard: body.standard.map((e) => ({ person: e.person, result: { success: true, data: { total: 0, messages: [] } } })) },
      });
    });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await ready(`https://www.linkedin.com/in/p-${i}`));
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await provider.listConversations({ category: "INBOX", limit: 3, cursor }, signal);
      expect(page.items.every((c) => c.lastMessage === null)).toBe(true);
      seen.push(...page.items.map((c) => c.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen.sort()).toEqual(ids.sort());
    expect(calls).toHaveLength(3);
  });

  it("a thread read never moves a person the inbox served back under its cursor", async () => {
    const times: Record<string, string> = { [person1]: "2026-03-24T11:00:00Z", [person2]: "2026-03-24T10:00:00Z", [person3]: "2026-03-24T09:00:00Z" };
    const answer = (person: string) => ({ person, result: { success: true, data: { messages: [{ id: `${person}-m`, sender: "them", text: "hi", time: times[person] }] } } });
    let silentAboutPerson3 = true;
    const { provider, ready } = setup((call) => {
      const body = call.body as { standard: { person: string }[] };
      // Batched inbox reads say nothing about person3 (an unmatched entry), so their last message stays unknown.
      const entries = body.standard.length > 1 && silentAboutPerson3 ? body.standard.filter((e) => e.person !== person3) : body.standard;
      return Response.json({ status: "complete", completion: { standard: entries.map((e) => answer(e.person)) } });
    });
    const ids = [await ready(person1), await ready(person2), await ready(person3)];
    const first = await provider.listConversations({ category: "INBOX", limit: 1 }, signal);
    // Unknown, person3 is ordered by their sync (now), ahead of everyone.
    expect(first.items.map((c) => c.id)).toEqual([ids[2]]);
    // Opening their thread learns an older last message; storing it now would sink them under the cursor.
    await provider.listMessages({ conversationId: ids[2] ?? "", limit: 5 }, signal);
    const served = [...first.items.map((c) => c.id)];
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const page = await provider.listConversations({ category: "INBOX", limit: 1, cursor }, signal);
      served.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    }
    expect(served).toEqual([ids[2], ids[0], ids[1]]);
    // The next first page that hears about them settles it, before ordering anyone.
    silentAboutPerson3 = false;
    expect((await provider.listConversations({ category: "INBOX", limit: 3 }, signal)).items.map((c) => c.id)).toEqual([ids[0], ids[1], ids[2]]);
  });

  it("only INBOX; nothing ready means no upstream call", async () => {
    const { provider, calls } = setup(() => Response.json(getComplete));
    await expect(provider.listConversations({ category: "UNREAD", limit: 20 }, signal)).rejects.toMatchObject({ code: "bad_request" });
    expect(await provider.listConversations({ category: "INBOX", limit: 20 }, signal)).toEqual({ items: [], nextCursor: null });
    expect(calls).toHaveLength(0);
  });
});

describe("Linked API: listMessages and messagesSince", () => {
  it("maps the seed's messages: newest first, our ids, epoch ms, names from the stored person", async () => {
    const { provider, ready } = setup(() => Response.json(getComplete));
    const id = await ready(person2, "standard", "Person Two");
    const page = await provider.listMessages({ conversationId: id, limit: 30 }, signal);
    expect(messagesPageSchema.parse({ messages: page.items, nextCursor: page.nextCursor })).toBeTruthy();
    expect(page.nextCursor).toBeNull();
    expect(page.items).toEqual([
      {
        id: "2b55d567-29e0-0632-2b21-ad2caf240bef",
        text: "How about this afternoon?",
        sentAt: Date.parse("2023-01-03T09:10:00Z"),
        sender: { name: "You" },
        fromMe: true,
        type: "text",
        attachments: [],
        reactions: [],
      },
      {
        id: "a002c77f-e318-619a-b52f-6b629501e522",
        text: "Sure! Let me know when works for you.",
        sentAt: Date.parse("2023-01-03T09:05:00Z"),
        sender: { name: "Person Two", profileUrl: person2 },
        fromMe: false,
        type: "text",
        attachments: [],
        reactions: [],
      },
      expect.objectContaining({ id: "737e3d1c-15a8-6683-060f-5147eeb6ac26", fromMe: true }),
    ]);
    expect(page.conversationType).toBe("normal");
  });

  it("says a Sales Navigator person's thread is an InMail, so a thread opened by its URL asks for a subject", async () => {
    const { provider, ready } = setup(() => Response.json(getComplete));
    const id = await ready("https://www.linkedin.com/sales/lead/ACwAAA123", "salesNavigator", "Lead Person");
    expect((await provider.listMessages({ conversationId: id, limit: 30 }, signal)).conversationType).toBe("inmail");
  });

  it("tolerates missing optional fields and unknown extra fields", async () => {
    const body = {
      status: "complete",
      brandNew: { x: 1 },
      completion: {
        standard: [
          {
            person: `${person1}/`,
            extra: true,
            result: { success: true, extra: 1, data: { messages: [{ id: "m1", time: "2024-05-01T10:00:00.123Z", reactions: [] }, { id: "m2", sender: "bot", text: "hi", time: "2024-05-01T09:00:00Z" }] } },
          },
        ],
      },
    };
    const { provider, ready } = setup(() => Response.json(body));
    const id = await ready(person1);
    const page = await provider.listMessages({ conversationId: id, limit: 10 }, signal);
    expect(page.items.map((m) => [m.id, m.text, m.sentAt, m.fromMe, m.sender.name])).toEqual([
      ["m1", "", Date.parse("2024-05-01T10:00:00.123Z"), null, "LinkedIn member"],
      ["m2", "hi", Date.parse("2024-05-01T09:00:00Z"), null, "LinkedIn member"],
    ]);
  });

  it.each([
    ["id", (m: Record<string, unknown>) => delete m.id, "completion.standard.0.result.data.messages.0.id"],
    ["time", (m: Record<string, unknown>) => (m.time = "yesterday"), "completion.standard.0.result.data.messages.0.time"],
  ])("a message with a bad %s is upstream_invalid naming the field", async (_, damage, field) => {
    const body = structuredClone(getComplete) as unknown as { completion: { standard: { result: { data: { messages: Record<string, unknown>[] } } }[] } };
    const message = body.completion.standard[0]?.result.data.messages[0];
    if (message) damage(message);
    const { provider, ready } = setup(() => Response.json(body));
    const id = await ready(person1);
    await expect(provider.listMessages({ conversationId: id, limit: 10 }, signal)).rejects.toMatchObject({
      code: "upstream_invalid",
      message: expect.stringContaining(field),
    });
  });

  it("a complete answer without completion, or an unknown status, is upstream_invalid", async () => {
    for (const body of [{ status: "complete" }, { status: "exploded" }, { completion: {} }]) {
      const { provider, ready } = setup(() => Response.json(body));
      const id = await ready(person1);
      await expect(provider.listMessages({ conversationId: id, limit: 10 }, signal)).rejects.toMatchObject({ code: "upstream_invalid" });
    }
  });

  it("pages a long history with many equal times: every message exactly once, newest first", async () => {
    // 150 messages, oldest first as Linked API lists them; runs of up to 40 share one second.
    const seconds = [...Array.from({ length: 40 }, () => 1), ...Array.from({ length: 70 }, (_, i) => 2 + Math.floor(i / 7)), ...Array.from({ length: 40 }, () => 20)];
    const messages = seconds.map((s, i) => ({ id: `m-${i}`, sender: i % 2 ? "us" : "them", text: `#${i}`, time: new Date(Date.UTC(2024, 0, 1, 0, 0, s)).toISOString() }));
    const { provider, ready } = setup(() => Response.json({ status: "complete", completion: { standard: [{ person: person1, result: { success: true, data: { total: 150, messages } } }] } }));
    const id = await ready(person1);
    for (const limit of [1, 7, 30, 200]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 500; pages++) {
        const page = await provider.listMessages({ conversationId: id, limit, cursor }, signal);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((m) => m.text));
        if (page.nextCursor === null) break;
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(messages.map((m) => m.text).reverse());
    }
  });

  it("rejects a cursor we did not issue with bad_request and calls nobody", async () => {
    const { provider, calls, ready } = setup(() => Response.json(getComplete));
    const id = await ready(person1);
    await expect(provider.listMessages({ conversationId: id, limit: 5, cursor: "not-ours" }, signal)).rejects.toMatchObject({ code: "bad_request" });
    expect(calls).toHaveLength(0);
  });

  it("messagesSince returns every message with sentAt >= since, boundary included, whatever Linked API's boundary", async () => {
    const messages = ["10:00:00", "10:00:01", "10:00:01", "10:00:02"].map((t, i) => ({ id: `m${i}`, sender: "them", text: `#${i}`, time: `2024-01-01T${t}Z` }));
    const { provider, ready } = setup(() => Response.json({ status: "complete", completion: { standard: [{ person: person1, result: { success: true, data: { messages } } }] } }));
    const id = await ready(person1);
    const since = Date.parse("2024-01-01T10:00:01Z");
    const page = await provider.messagesSince({ conversationId: id, since }, signal);
    expect(page.items.map((m) => m.id)).toEqual(["m3", "m2", "m1"]);
    expect(page.nextCursor).toBeNull();
  });

  it("a person who is not ready is not_synchronized; an unknown one not_found; neither calls Linked API", async () => {
    const { provider, calls, accountId } = setup(() => Response.json(getComplete));
    const { person } = await store.add(accountId, newPerson(person1), NOW);
    await expect(provider.listMessages({ conversationId: person.id, limit: 5 }, signal)).rejects.toMatchObject({ code: "not_synchronized" });
    await expect(provider.messagesSince({ conversationId: person.id, since: 0 }, signal)).rejects.toMatchObject({ code: "not_synchronized" });
    await expect(provider.listMessages({ conversationId: "nobody", limit: 5 }, signal)).rejects.toMatchObject({ code: "not_found" });
    expect(calls).toHaveLength(0);
  });

  it.each([
    ["person_not_found", "not_found", 404, /^LinkedIn has no person at this address\. Remove them from the people list/],
    ["self_profile", "not_found", 404, /^That is your own profile.*Remove it from the people list/],
    ["no_sales_navigator", "not_found", 404, /no Sales Navigator.*add them again for standard LinkedIn messages/],
    ["not_synchronized", "not_synchronized", 409, /lapsed.*Sync it again from the people list/],
    ["upstream_error", "upstream_error", 502, /could not sync.*Sync it again from the people list/],
  ] as const)("a person whose sync failed with %s: the thread answers %s (%i), saying why, and calls nobody", async (reason, code, status, message) => {
    const { provider, calls, ready, accountId } = setup(() => Response.json(getComplete));
    const id = await ready(person1);
    await store.markFailed(accountId, id, reason, NOW);
    for (const read of [provider.listMessages({ conversationId: id, limit: 5 }, signal), provider.messagesSince({ conversationId: id, since: 0 }, signal)]) {
      const error = await read.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ code, status, message: expect.stringMatching(message) });
      expect((error as ApiError).message).not.toMatch(/not synced yet/);
    }
    expect(calls).toHaveLength(0);
  });

  it("a person still syncing: not_synchronized that says it is on its way, not to sync again", async () => {
    const { provider, accountId } = setup(() => Response.json(getComplete));
    const { person } = await store.add(accountId, newPerson(person1), NOW);
    const error = await provider.listMessages({ conversationId: person.id, limit: 5 }, signal).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "not_synchronized", message: expect.stringContaining("still being synchronized") });
    expect((error as ApiError).message).not.toMatch(/again/i);
  });

  it("personNotFound on a read: the thread answers not_found and the person is marked failed, truthfully", async () => {
    const body = { status: "complete", completion: { standard: [{ person: person1, result: { success: false, error: { errorType: "personNotFound", message: "UPSTREAM" } } }] } };
    const { provider, ready } = setup(() => Response.json(body));
    const id = await ready(person1);
    await expect(provider.listMessages({ conversationId: id, limit: 5 }, signal)).rejects.toMatchObject({ code: "not_found", message: expect.stringContaining("LinkedIn has no person") });
    expect((await provider.people.list(signal))[0]).toMatchObject({ state: "failed", failure: { reason: "person_not_found", message: "LinkedIn has no person at this address." } });
  });

  it("notSynchronized on a read fails the thread with not_synchronized and marks the person failed", async () => {
    const { provider, ready } = setup(() => Response.json(getPartial));
    const id = await ready(person2);
    const error = await provider.listMessages({ conversationId: id, limit: 5 }, signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "not_synchronized", status: 409 });
    expect((error as ApiError).message).not.toContain("isn't synchronized");
    expect((await provider.people.list(signal))[0]).toMatchObject({ state: "failed", failure: { reason: "not_synchronized" } });
  });

  it("a get that answers processing is followed a bounded few times, then upstream_timeout", async () => {
    const answers = [processing("g"), processing("g"), Response.json(getComplete)];
    const quick = setup((_, index) => answers[index] ?? Response.json({}, { status: 500 }));
    const id = await quick.ready(person1);
    expect((await quick.provider.listMessages({ conversationId: id, limit: 5 }, signal)).items).toHaveLength(2);
    expect(quick.calls.map((c) => c.method)).toEqual(["POST", "GET", "GET"]);
    expectSecretsOnlyInHeaders(quick.calls);

    const slow = setup(() => processing("never"));
    const slowId = await slow.ready(person1);
    await expect(slow.provider.listMessages({ conversationId: slowId, limit: 5 }, signal)).rejects.toMatchObject({ code: "upstream_timeout" });
    expect(slow.calls).toHaveLength(4);
  });

  it("stops following when the request goes away", async () => {
    const controller = new AbortController();
    const { provider, ready } = setup(() => processing("wait"), { resultPollDelaysMs: [60_000] });
    const id = await ready(person1);
    const pending = provider.listMessages({ conversationId: id, limit: 5 }, controller.signal);
    setTimeout(() => controller.abort(new Error("client left")), 20);
    await expect(pending).rejects.toThrow("client left");
  });
});

describe("Linked API: global errors", () => {
  const cases: Array<[string, number, string, unknown]> = [
    ["seed: invalidAccountApiToken", 401, "upstream_auth", { status: "error", error: { errorType: "invalidAccountApiToken", message: "UPSTREAM DETAIL" } }],
    ["seed: accountApiTokenRequired", 400, "upstream_auth", { status: "error", error: { errorType: "accountApiTokenRequired", message: "UPSTREAM DETAIL" } }],
    ["seed: noActiveSeats in a 200", 200, "upstream_auth", { status: "error", error: { errorType: "noActiveSeats", message: "UPSTREAM DETAIL" } }],
    ["seed: invalidRequestBody", 400, "upstream_error", { status: "error", error: { errorType: "invalidRequestBody", message: "UPSTREAM DETAIL" } }],
    ["older: failed + invalidActionParams", 200, "upstream_error", { status: "failed", error: { errorType: "invalidActionParams", message: "UPSTREAM DETAIL" } }],
    ["current: invalidLinkedApiToken", 401, "upstream_auth", { success: false, error: { type: "invalidLinkedApiToken", message: "UPSTREAM DETAIL" } }],
    ["current: invalidIdentificationToken", 401, "upstream_auth", { success: false, error: { type: "invalidIdentificationToken", message: "UPSTREAM DETAIL" } }],
    ["current: linkedinAccountSignedOut", 403, "upstream_auth", { success: false, error: { type: "linkedinAccountSignedOut", message: "UPSTREAM DETAIL" } }],
    ["current: subscriptionRequired", 200, "upstream_auth", { success: false, error: { type: "subscriptionRequired", message: "UPSTREAM DETAIL" } }],
    ["current: accountNotFound", 401, "upstream_auth", { success: false, error: { type: "accountNotFound", message: "UPSTREAM DETAIL" } }],
    ["current: tooManyRequests", 429, "rate_limited", { success: false, error: { type: "tooManyRequests", message: "UPSTREAM DETAIL" } }],
    ["current: limitExceeded", 200, "rate_limited", { success: false, error: { type: "limitExceeded", message: "UPSTREAM DETAIL" } }],
    ["current: invalidRequestPayload", 400, "upstream_error", { success: false, error: { type: "invalidRequestPayload", message: "UPSTREAM DETAIL" } }],
    ["unknown type in a 200", 200, "upstream_error", { status: "error", error: { errorType: "brandNew", message: "UPSTREAM DETAIL" } }],
    ["HTTP 401, no body", 401, "upstream_auth", undefined],
    ["HTTP 429, no body", 429, "rate_limited", undefined],
    ["HTTP 500, html", 500, "upstream_error", "<html>UPSTREAM DETAIL</html>"],
  ];

  it.each(cases)("%s (HTTP %i) becomes %s, without echoing the upstream message or a token", async (_, status, code, body) => {
    const respond = () => (body === undefined ? new Response(null, { status }) : typeof body === "string" ? new Response(body, { status }) : Response.json(body, { status }));
    for (const action of ["sync", "read"] as const) {
      const { provider, ready } = setup(respond);
      const id = await ready(person1);
      const attempt = action === "sync" ? provider.people.resync(id, signal) : provider.listMessages({ conversationId: id, limit: 5 }, signal);
      const error = await attempt.then(
        (value) => value,
        (e: unknown) => e,
      );
      if (action === "sync" && !(error instanceof ApiError)) {
        // A sync refused for a reason that is not the account's is that person's failure.
        expect(code === "upstream_error" || code === "rate_limited").toBe(true);
        continue;
      }
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe(code);
      for (const secret of ["UPSTREAM DETAIL", TOKEN, IDENTIFICATION]) expect((error as ApiError).message).not.toContain(secret);
    }
  });

  it("a 500 is retryable and a 429 carries Retry-After", async () => {
    const { provider, ready } = setup(() => Response.json({ success: false, error: { type: "tooManyRequests" } }, { status: 429, headers: { "retry-after": "9" } }));
    const id = await ready(person1);
    await expect(provider.listMessages({ conversationId: id, limit: 5 }, signal)).rejects.toMatchObject({ code: "rate_limited", retryAfter: 9, retryable: true });
    const broken = setup(() => new Response("", { status: 503 }));
    const brokenId = await broken.ready(person1);
    await expect(broken.provider.listMessages({ conversationId: brokenId, limit: 5 }, signal)).rejects.toMatchObject({ code: "upstream_error", retryable: true });
  });

  it("no credits anywhere: Linked API bills per seat", async () => {
    const { provider, ready } = setup(() => Response.json(getComplete));
    const id = await ready(person1);
    expect((await provider.listMessages({ conversationId: id, limit: 5 }, signal)).creditsConsumed).toBeUndefined();
  });
});
