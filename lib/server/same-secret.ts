import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Whether a secret someone gave (in a webhook's URL, in the setup form) is the configured one, in
 * constant time: the SHA-256 digests are compared, so neither the secret's length nor how much of
 * it matched shows in the timing.
 */
export function isSameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== "string") return false;
  return timingSafeEqual(digest(given), digest(expected));
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
