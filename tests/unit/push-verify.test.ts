import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CONNECTSAFELY_FRESHNESS, isFresh, LINKEDAPI_FRESHNESS } from "@/lib/server/push/freshness";
import { isSignedBy } from "@/lib/server/push/signature";
import { PUSH_EVENT_KEEP_MS } from "@/lib/server/push/store";
import { isSameSecret } from "@/lib/server/same-secret";

const SECRET = "cs-webhook-secret-0123456789abcdef0123";
const body = Buffer.from(JSON.stringify({ event: "message.received", data: { body: "Grüße — 👋" } }), "utf8");
const hmac = (secret: string, bytes: Uint8Array) => createHmac("sha256", secret).update(bytes).digest("hex");

describe("ConnectSafely's signature (X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the raw body>)", () => {
  it("accepts the HMAC of the exact bytes under the account's secret, in either case of hex", () => {
    expect(isSignedBy(SECRET, body, `sha256=${hmac(SECRET, body)}`)).toBe(true);
    expect(isSignedBy(SECRET, body, `sha256=${hmac(SECRET, body).toUpperCase()}`)).toBe(true);
    expect(isSignedBy(SECRET, body, ` sha256=${hmac(SECRET, body)} `)).toBe(true);
  });

  it("refuses a forged one: another secret, or a signature of other bytes", () => {
    expect(isSignedBy(SECRET, body, `sha256=${hmac(`${SECRET}x`, body)}`)).toBe(false);
    // The same JSON, written differently: what was signed is the bytes, not the value.
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(body.toString("utf8")), null, 1), "utf8");
    expect(isSignedBy(SECRET, reformatted, `sha256=${hmac(SECRET, body)}`)).toBe(false);
    const flipped = Buffer.from(body);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 3) ^ 1, flipped.length - 3);
    expect(isSignedBy(SECRET, flipped, `sha256=${hmac(SECRET, body)}`)).toBe(false);
  });

  it("refuses a missing header, a wrong prefix or a digest of the wrong length", () => {
    const hex = hmac(SECRET, body);
    for (const header of [null, "", hex, `sha1=${hex}`, `SHA256=${hex}`, `sha256:${hex}`, `sha256=${hex.slice(0, 62)}`, `sha256=${hex}00`, `sha256=${"z".repeat(64)}`]) {
      expect(isSignedBy(SECRET, body, header), String(header)).toBe(false);
    }
  });
});

describe("Linked API's URL secret", () => {
  const secret = "la-webhook-url-secret-0123456789abcdef";

  it("is the account's only when equal; any length compares (digests are what is compared)", () => {
    expect(isSameSecret(secret, secret)).toBe(true);
    // timingSafeEqual throws on inputs of different lengths: these would, compared directly.
    for (const given of ["", "x", secret.slice(0, -1), `${secret}x`, secret.toUpperCase(), "a".repeat(10_000)]) {
      expect(isSameSecret(given, secret), given.slice(0, 40)).toBe(false);
    }
    for (const given of [undefined, null, 42, [secret]]) expect(isSameSecret(given, secret)).toBe(false);
  });
});

describe("staleness", () => {
  const now = Date.parse("2026-05-12T14:33:21.000Z");

  it("ConnectSafely: up to 15 minutes old, up to 5 minutes ahead", () => {
    expect(isFresh(now, now, CONNECTSAFELY_FRESHNESS)).toBe(true);
    expect(isFresh(now - 15 * 60_000, now, CONNECTSAFELY_FRESHNESS)).toBe(true);
    expect(isFresh(now - 15 * 60_000 - 1, now, CONNECTSAFELY_FRESHNESS)).toBe(false);
    expect(isFresh(now + 5 * 60_000, now, CONNECTSAFELY_FRESHNESS)).toBe(true);
    expect(isFresh(now + 5 * 60_000 + 1, now, CONNECTSAFELY_FRESHNESS)).toBe(false);
  });

  it("Linked API: up to a day old (it retries for hours), up to 5 minutes ahead", () => {
    expect(isFresh(now - 23 * 60 * 60_000, now, LINKEDAPI_FRESHNESS)).toBe(true);
    expect(isFresh(now - 24 * 60 * 60_000 - 1, now, LINKEDAPI_FRESHNESS)).toBe(false);
    expect(isFresh(now + 5 * 60_000 + 1, now, LINKEDAPI_FRESHNESS)).toBe(false);
  });

  it("an event is kept for longer than it can be taken, so every replay that is not stale is recognised", () => {
    for (const window of [CONNECTSAFELY_FRESHNESS, LINKEDAPI_FRESHNESS]) {
      expect(PUSH_EVENT_KEEP_MS).toBeGreaterThan(window.maxAgeMs + window.maxAheadMs);
    }
  });
});
