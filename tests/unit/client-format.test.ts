import { describe, expect, it } from "vitest";
import { describeUsage, formatCompactTime, initials, loadableImageUrl, safeHttpUrl } from "@/lib/client/format";
import { formatDayLabel } from "@/lib/client/thread-times";
import { linkify } from "@/lib/client/linkify";
import { stripBidiControls } from "@/lib/contracts/text";

const at = (y: number, m: number, d: number, h = 12, min = 0) => new Date(y, m - 1, d, h, min).getTime();

describe("formatCompactTime", () => {
  const now = at(2025, 6, 18, 15, 0);
  it("is compact and calendar aware", () => {
    expect(formatCompactTime(now - 10_000, now, "en-US")).toBe("now");
    expect(formatCompactTime(now - 5 * 60_000, now, "en-US")).toBe("5m");
    expect(formatCompactTime(at(2025, 6, 18, 9), now, "en-US")).toBe("6h");
    expect(formatCompactTime(at(2025, 6, 17, 23), now, "en-US")).toBe("Yesterday");
    expect(formatCompactTime(at(2025, 6, 14), now, "en-US")).toBe("Sat");
    expect(formatCompactTime(at(2025, 3, 4), now, "en-US")).toBe("Mar 4");
    expect(formatCompactTime(at(2023, 3, 4), now, "en-US")).toBe("3/4/23");
  });
});

describe("formatDayLabel", () => {
  const now = at(2025, 6, 18, 15, 0);
  it("names today, yesterday and older days", () => {
    expect(formatDayLabel(at(2025, 6, 18, 0, 1), now, "en-US")).toBe("Today");
    expect(formatDayLabel(at(2025, 6, 17, 23, 59), now, "en-US")).toBe("Yesterday");
    expect(formatDayLabel(at(2025, 3, 4), now, "en-US")).toBe("Tuesday, March 4");
    expect(formatDayLabel(at(2023, 3, 4), now, "en-US")).toBe("March 4, 2023");
  });
});

describe("initials", () => {
  it("takes first and last letters", () => {
    expect(initials("Ada Lovelace")).toBe("AL");
    expect(initials("  ada  ")).toBe("A");
    expect(initials("Jean-Luc Picard (He/Him)")).toBe("JH");
    expect(initials("Acme Corp.")).toBe("AC");
    expect(initials("Élodie Ñúñez")).toBe("ÉÑ");
    expect(initials("  ")).toBe("?");
  });
});

describe("linkify", () => {
  it("finds http(s) and www links and leaves punctuation out", () => {
    expect(linkify("See https://example.com/a?b=1, then www.acme.io.")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { kind: "text", text: ", then " },
      { kind: "link", text: "www.acme.io", href: "https://www.acme.io" },
      { kind: "text", text: "." },
    ]);
  });
  it("keeps balanced parentheses in URLs", () => {
    const tokens = linkify("(see https://en.wikipedia.org/wiki/Foo_(bar))");
    expect(tokens[1]).toEqual({
      kind: "link",
      text: "https://en.wikipedia.org/wiki/Foo_(bar)",
      href: "https://en.wikipedia.org/wiki/Foo_(bar)",
    });
    expect(tokens[2]).toEqual({ kind: "text", text: ")" });
  });
  it("returns plain text untouched", () => {
    expect(linkify("no links here")).toEqual([{ kind: "text", text: "no links here" }]);
    expect(linkify("")).toEqual([]);
  });
});

describe("safeHttpUrl", () => {
  it("only lets http(s) through", () => {
    expect(safeHttpUrl("https://media.licdn.com/x.jpg")).toBe("https://media.licdn.com/x.jpg");
    expect(safeHttpUrl("javascript:alert(1)")).toBeUndefined();
    expect(safeHttpUrl("not a url")).toBeUndefined();
    expect(safeHttpUrl(undefined)).toBeUndefined();
  });
});

describe("links cannot disguise where they go", () => {
  it("ends a URL at a bidirectional control, and shows link text without any", () => {
    // "https://evil.example/‮moc.knab" would read as "https://evil.example/bank.com".
    const tokens = linkify("pay at https://evil.example/\u202emoc.knab today");
    const link = tokens.find((t) => t.kind === "link");
    expect(link).toEqual({ kind: "link", text: "https://evil.example/", href: "https://evil.example/" });
    expect(tokens.map((t) => t.text).join("")).toBe("pay at https://evil.example/\u202emoc.knab today");
    expect(stripBidiControls("a\u200eb\u202ac\u2066d\u2069")).toBe("abcd");
  });

  it("loads pictures only from LinkedIn's media hosts", () => {
    expect(loadableImageUrl("https://media.licdn.com/dms/image/x.jpg")).toBe("https://media.licdn.com/dms/image/x.jpg");
    expect(loadableImageUrl("https://static.licdn.com/a.png")).toBeDefined();
    for (const url of ["https://tracker.example/pixel.gif", "http://media.licdn.com/x.jpg", "https://licdn.com.evil.example/x.png", "javascript:alert(1)", undefined]) {
      expect(loadableImageUrl(url), String(url)).toBeUndefined();
    }
  });
});

describe("describeUsage", () => {
  it("names credits against the daily budget and calls, or calls alone where the provider reports no credits", () => {
    expect(describeUsage({ calls: 120, credits: 34, dailyCreditBudget: 20_000 }, "en-US")).toBe("34 of 20,000 credits · 120 calls");
    expect(describeUsage({ calls: 1, credits: 0, dailyCreditBudget: 20_000 }, "en-US")).toBe("1 call");
    expect(describeUsage({ calls: 1_234, credits: 0, dailyCreditBudget: 20_000 }, "de-DE")).toBe("1.234 calls");
  });
});
