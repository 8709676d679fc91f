import { describe, expect, it } from "vitest";
import { chosenChannel, nameFromSlug, parsePersonUrl, type PersonUrl } from "@/lib/contracts/linkedin-url";

describe("parsePersonUrl", () => {
  it("one key for a profile, whatever the case of its slug, scheme, host, query or trailing slash; the slug as typed for display", () => {
    const typed = ["https://www.linkedin.com/in/Jane-Doe", "linkedin.com/in/jane-doe/", "HTTP://WWW.LinkedIn.com/in/JANE-DOE?utm_source=x", "https://de.linkedin.com/in/jane-DOE#top"];
    const parsed = typed.map(parsePersonUrl);
    expect(new Set(parsed.map((p) => p?.key))).toEqual(new Set(["https://www.linkedin.com/in/jane-doe"]));
    expect(parsed.map((p) => p?.url)).toEqual([
      "https://www.linkedin.com/in/Jane-Doe",
      "https://www.linkedin.com/in/jane-doe",
      "https://www.linkedin.com/in/JANE-DOE",
      "https://www.linkedin.com/in/jane-DOE",
    ]);
    expect(parsed.every((p) => p?.channel === "standard")).toBe(true);
    expect(nameFromSlug(parsed[0]?.slug ?? "")).toBe("Jane Doe");
  });

  it("percent-encoded slugs: one key for either case of their hex digits", () => {
    const typed = parsePersonUrl("https://www.linkedin.com/in/jérôme-dupont");
    const encoded = parsePersonUrl("https://www.linkedin.com/in/J%c3%a9r%C3%B4me-Dupont");
    expect(typed?.key).toBe("https://www.linkedin.com/in/j%c3%a9r%c3%b4me-dupont");
    expect(encoded?.key).toBe(typed?.key);
    expect(typed?.slug).toBe("jérôme-dupont");
  });

  it("a slug whose decoding holds a control character stays as written (a NUL would reach the database)", () => {
    const parsed = parsePersonUrl("https://www.linkedin.com/in/ada%00lovelace");
    expect(parsed?.slug).toBe("ada%00lovelace");
    expect(nameFromSlug(parsed?.slug ?? "")).not.toMatch(/\p{Cc}/u);
  });

  it("Sales Navigator lead ids are case-sensitive: their key keeps their case", () => {
    const lead = parsePersonUrl("https://www.linkedin.com/sales/lead/ACwAAA123,NAME_SEARCH,x1Y");
    const other = parsePersonUrl("linkedin.com/sales/people/acwaaa123,name_search,x1y/");
    expect(lead).toMatchObject({ channel: "salesNavigator", key: "https://www.linkedin.com/sales/lead/ACwAAA123,NAME_SEARCH,x1Y" });
    expect(other?.key).not.toBe(lead?.key);
  });

  it("is null for anything that is not a LinkedIn person's address", () => {
    for (const input of ["https://example.com/in/jane", "https://www.linkedin.com/company/acme", "https://linkedin.com.evil.example/in/jane", "not a url", ""]) {
      expect(parsePersonUrl(input)).toBeNull();
    }
  });
});

describe("chosenChannel", () => {
  const profile = parsePersonUrl("https://www.linkedin.com/in/jane-doe") as PersonUrl;
  const lead = parsePersonUrl("https://www.linkedin.com/sales/lead/ACwAAA1") as PersonUrl;

  it("is the rep's choice for a profile, standard by default", () => {
    expect([chosenChannel(profile, undefined), chosenChannel(profile, "standard"), chosenChannel(profile, "salesNavigator")]).toEqual(["standard", "standard", "salesNavigator"]);
  });

  it("is Sales Navigator for a lead link, and nothing when standard is asked for", () => {
    expect([chosenChannel(lead, undefined), chosenChannel(lead, "salesNavigator"), chosenChannel(lead, "standard")]).toEqual(["salesNavigator", "salesNavigator", null]);
  });
});
