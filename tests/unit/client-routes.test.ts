import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CATEGORIES } from "@/lib/contracts/api";
import { messagesUrl, conversationsUrl } from "@/lib/client/api-urls";
import {
  categoryToSlug,
  conversationHref,
  decodeIdParam,
  encodeIdSegment,
  inboxHref,
  slugToCategory,
} from "@/lib/client/routes";

const URN =
  "urn:li:msg_conversation:(urn:li:fsd_profile:ACoAAB1234abcd,2-MDZiNjE0ZjMtYzU4Yy00YTBkLWI0ZDYtNmU5ZGYxNDM5OWRhXzAxMw==)";

/**
 * What a page, layout or useParams() receives on Next 16: the path segment as it is in the URL
 * (verified on 16.4.6: not decoded). Simulated with the WHATWG URL parser a browser uses.
 */
function segmentsAsNextSeesThem(href: string): string[] {
  return new URL(href, "https://threadline.example").pathname.split("/").slice(1);
}

describe("category slugs", () => {
  it("round-trips every category and rejects unknown slugs", () => {
    for (const category of CATEGORIES) expect(slugToCategory(categoryToSlug(category))).toBe(category);
    expect(categoryToSlug("MY_CONNECTIONS")).toBe("my-connections");
    expect(slugToCategory("INBOX")).toBeNull();
    expect(slugToCategory("archive")).toBeNull();
    expect(slugToCategory("")).toBeNull();
    expect(slugToCategory("constructor")).toBeNull();
  });
});

describe("id params", () => {
  it("round-trips a LinkedIn URN through a conversation URL exactly", () => {
    const href = conversationHref("acc:1", "INBOX", URN);
    expect(href).toBe(`/a/acc%3A1/inbox/c/${encodeURIComponent(URN)}`);
    const [a, account, slug, c, conversation] = segmentsAsNextSeesThem(href);
    expect([a, slug, c]).toEqual(["a", "inbox", "c"]);
    expect(decodeIdParam(account)).toBe("acc:1");
    expect(decodeIdParam(conversation)).toBe(URN);
  });

  it("accepts hand-written URLs with raw URN punctuation", () => {
    expect(decodeIdParam("urn:li:x:(a,b==)")).toBe("urn:li:x:(a,b==)");
    expect(decodeIdParam("urn%3Ali%3Ax%3A%28a%2Cb%3D%3D%29")).toBe("urn:li:x:(a,b==)");
  });

  it("keeps characters that look like escapes exact", () => {
    const id = "100%25 real %41 not-an-escape/with/slashes?and#hash&more+plus";
    const [, , , , segment] = segmentsAsNextSeesThem(conversationHref("a", "STARRED", id));
    expect(decodeIdParam(segment)).toBe(id);
  });

  it("rejects malformed or missing params", () => {
    expect(decodeIdParam("%E0%A4%A")).toBeNull();
    expect(decodeIdParam("%")).toBeNull();
    expect(decodeIdParam("")).toBeNull();
    expect(decodeIdParam(undefined)).toBeNull();
    expect(decodeIdParam(["a"])).toBeNull();
  });

  it("round-trips any id (property)", () => {
    // Lone surrogates cannot be percent-encoded; "." and ".." are dot-segments to every URL parser.
    const idArb = fc
      .string({ unit: "grapheme", minLength: 1, maxLength: 40 })
      .filter((s) => s !== "." && s !== ".." && s.toLowerCase() !== "%2e");
    fc.assert(
      fc.property(idArb, idArb, fc.constantFrom(...CATEGORIES), (accountId, conversationId, category) => {
        const segments = segmentsAsNextSeesThem(conversationHref(accountId, category, conversationId));
        expect(segments).toHaveLength(5);
        expect(decodeIdParam(segments[1])).toBe(accountId);
        expect(slugToCategory(segments[2]!)).toBe(category);
        expect(decodeIdParam(segments[4])).toBe(conversationId);
        expect(inboxHref(accountId, category)).toBe(`/a/${encodeIdSegment(accountId)}/${categoryToSlug(category)}`);
      }),
      { numRuns: 500 },
    );
  });
});

describe("API URLs", () => {
  it("encodes ids and builds the query", () => {
    expect(conversationsUrl("acc/1", { category: "UNREAD", cursor: "a&b=c" })).toBe(
      "/api/accounts/acc%2F1/conversations?category=UNREAD&cursor=a%26b%3Dc&limit=20",
    );
    expect(messagesUrl("acc", URN, { cursor: null })).toBe(
      `/api/accounts/acc/conversations/${encodeURIComponent(URN)}/messages?limit=30`,
    );
    expect(messagesUrl("acc", "c", { since: 1712345678901 })).toBe("/api/accounts/acc/conversations/c/messages?since=1712345678901");
  });
});
