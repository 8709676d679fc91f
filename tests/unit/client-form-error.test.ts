import { describe, expect, it } from "vitest";
import { ApiError, NetworkError } from "@/lib/client/errors";
import { formErrorText } from "@/lib/client/form-error";

describe("formErrorText", () => {
  it("a form shows our server's own words for its refusal, not the inbox's words for the code", () => {
    expect(formErrorText(new ApiError(403, "forbidden", "That is not the setup code set in THREADLINE_SETUP_CODE.", undefined, true))).toBe(
      "That is not the setup code set in THREADLINE_SETUP_CODE.",
    );
    // Our public doors' limit, not the LinkedIn data provider's.
    expect(formErrorText(new ApiError(429, "rate_limited", "Too many requests: slow down for a moment.", 30, true))).toBe("Too many requests: slow down for a moment.");
  });

  it("without words of the server's own (no envelope, a 5xx, no answer at all), the usual description", () => {
    expect(formErrorText(new ApiError(403, "forbidden", "Forbidden", undefined, false))).toBe("You don't have access to this account.");
    expect(formErrorText(new ApiError(500, "internal_error", "Something broke inside", undefined, true))).not.toContain("Something broke inside");
    expect(formErrorText(new NetworkError("Failed to fetch"))).not.toBe("");
  });
});
