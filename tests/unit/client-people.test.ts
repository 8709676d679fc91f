import { QueryClient, type QueryKey } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/client/errors";
import { refreshPeopleOnThreadFailure } from "@/lib/client/people";
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
