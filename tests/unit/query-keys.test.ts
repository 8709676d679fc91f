import { describe, expect, it } from "vitest";
import { ACCOUNTS_KEY } from "@/lib/client/accounts-key";
import { queryKeys } from "@/lib/client/query-keys";

describe("queryKeys", () => {
  it("keeps the accounts list's key (named on its own for the query client) under the app's prefix", () => {
    expect(queryKeys.accounts()).toEqual([...queryKeys.all, "accounts"]);
    expect(queryKeys.accounts()).toBe(ACCOUNTS_KEY);
  });
});
