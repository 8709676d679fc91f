import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/server/env";

describe("parseEnv", () => {
  it("needs nothing: no provider means the demo account", () => {
    const env = parseEnv({});
    expect(env.LINKUP_API_KEY).toBeUndefined();
    expect(env.LINKUP_BASE_URL).toBe("https://api.linkupapi.com/v2");
    expect(env.UPSTREAM_TIMEOUT_MS).toBe(10_000);
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ LINKUP_API_KEY: "", LINKUP_ACCOUNT_ID: "  " }).LINKUP_API_KEY).toBeUndefined();
  });

  it("names the missing partner variable", () => {
    expect(() => parseEnv({ LINKUP_API_KEY: "k" })).toThrow(/LINKUP_ACCOUNT_ID: is required when LINKUP_API_KEY is set/);
    expect(() => parseEnv({ LINKUP_ACCOUNT_ID: "a" })).toThrow(/LINKUP_API_KEY/);
  });

  it("names a malformed variable without printing any secret", () => {
    let message = "";
    try {
      parseEnv({ LINKUP_API_KEY: "sk-very-secret", LINKUP_ACCOUNT_ID: "a", LINKUP_BASE_URL: "not a url", UPSTREAM_TIMEOUT_MS: "fast" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/LINKUP_BASE_URL/);
    expect(message).toMatch(/UPSTREAM_TIMEOUT_MS/);
    expect(message).not.toContain("sk-very-secret");
  });
});
