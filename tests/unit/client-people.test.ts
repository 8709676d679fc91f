import { environmentManager, QueryClient, QueryObserver, type QueryKey } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/client/errors";
import { loadResponseSchemas } from "@/lib/client/fetch-json";
import { peopleQueryOptions, refreshPeopleOnThreadFailure, SYNC_POLL_MS, withPerson, writePeople } from "@/lib/client/people";
import type { PeopleResponse, Person } from "@/lib/contracts/api";
import { queryKeys } from "@/lib/client/query-keys";

describe("refreshPeopleOnThreadFailure", () => {
  it("reloads the account's people list when one of its threads says its person cannot be read, and only then", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const stop = refreshPeopleOnThreadFailure(client, "la");
    const fresh = () => {
      for (const account of ["la", "other"]) client.setQueryData(queryKeys.people(account), { people: [] });
    };
    const reloaded = (account: string) => client.getQueryState(queryKeys.people(account))?.isInvalidated === true;
    const fail = (queryKey: QueryKey, error: Error) => client.fetchQuery({ queryKey, queryFn: () => Promise.reject(error) }).catch(() => undefined);

    fresh();
    await fail(queryKeys.messages("la", "p1"), new ApiError(502, "upstream_error", "Linked API is having trouble right now."));
    await fail(queryKeys.messages("other", "p1"), new ApiError(404, "not_found", "LinkedIn has no person at this address."));
    await fail(queryKeys.conversations("la", "INBOX"), new ApiError(404, "not_found", "No account."));
    expect([reloaded("la"), reloaded("other")]).toEqual([false, false]);

    for (const [key, error] of [
      [queryKeys.messages("la", "p1"), new ApiError(404, "not_found", "LinkedIn has no person at this address.")],
      [queryKeys.messages("la", "p2"), new ApiError(404, "not_found", "This LinkedIn account has no Sales Navigator.")],
      [queryKeys.messagesSince("la", "p3"), new ApiError(409, "not_synchronized", "The sync of this conversation lapsed.")],
    ] as const) {
      fresh();
      await fail(key, error);
      expect([reloaded("la"), reloaded("other")]).toEqual([true, false]);
    }

    stop();
    fresh();
    await fail(queryKeys.messages("la", "p4"), new ApiError(404, "not_found", "LinkedIn has no person at this address."));
    expect(reloaded("la")).toBe(false);
  });
});

describe("writePeople", () => {
  it("cancels a read of the list already on its way, so the list read before a person was added does not land over them", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const key = queryKeys.people("la");
    client.setQueryData<PeopleResponse>(key, { people: [] });
    // The list as the server read it just before the add: empty, answered after the add's answer.
    let answer!: (value: PeopleResponse) => void;
    const inFlight = client.fetchQuery({ queryKey: key, queryFn: () => new Promise<PeopleResponse>((resolve) => (answer = resolve)) }).catch(() => undefined);
    const lena: Person = { id: "p1", name: "Lena Longthread", profileUrl: "https://www.linkedin.com/in/lena", channel: "standard", state: "syncing", addedAt: 1 };
    await writePeople(client, "la", withPerson(lena));
    answer({ people: [] });
    await inFlight;
    expect(client.getQueryData<PeopleResponse>(key)?.people.map((person) => person.id)).toEqual(["p1"]);
  });
});

describe("the people list's polling", () => {
  afterEach(() => {
    environmentManager.setIsServer(() => true);
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("asks every few seconds while someone syncs; while the server says the provider fails every check, less and less often; back at pace once it answers", async () => {
    await loadResponseSchemas();
    environmentManager.setIsServer(() => false);
    vi.useFakeTimers({ now: 1_764_000_000_000 });
    const syncing: Person = { id: "p1", name: "Lena", profileUrl: "https://www.linkedin.com/in/lena", channel: "standard", state: "syncing", addedAt: 1 };
    let down = false;
    let asked = 0;
    vi.stubGlobal("fetch", async () => {
      asked++;
      return down
        ? Response.json({ error: { code: "upstream_error", message: "Linked API is having trouble right now." } }, { status: 502 })
        : Response.json({ people: [syncing] });
    });
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    client.mount();
    const observer = new QueryObserver(client, peopleQueryOptions("la"));
    const stop = observer.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(10 * SYNC_POLL_MS);
    expect(asked).toBeGreaterThanOrEqual(10);

    down = true;
    asked = 0;
    await vi.advanceTimersByTimeAsync(60_000);
    // At the syncing pace it would be 20; backing off (8, 16, 32 s less jitter) it is a handful.
    expect(asked).toBeGreaterThanOrEqual(2);
    expect(asked).toBeLessThanOrEqual(5);
    expect(observer.getCurrentResult()).toMatchObject({ isError: true, data: { people: [syncing] } });

    down = false;
    await vi.advanceTimersByTimeAsync(60_000);
    asked = 0;
    await vi.advanceTimersByTimeAsync(10 * SYNC_POLL_MS);
    expect(asked).toBeGreaterThanOrEqual(10);
    stop();
    client.unmount();
  });
});
