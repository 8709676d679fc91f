import { QueryClient, type QueryKey } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/client/errors";
import { refreshPeopleOnThreadFailure, withPerson, writePeople } from "@/lib/client/people";
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
