import { describe, expect, it } from "vitest";
import { formatCompactTime, formatDayLabel, initials, linkify, safeHttpUrl } from "@/lib/client/format";

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
