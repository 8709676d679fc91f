import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * Whether `X-Webhook-Signature` is `sha256=<hex HMAC-SHA256 of the raw body>` under the account's
 * secret (ConnectSafely's scheme), compared in constant time. The body's exact bytes: re-encoding
 * parsed JSON would change what was signed.
 */
export function isSignedBy(secret: string, body: Uint8Array, header: string | null): boolean {
  const hex = SIGNATURE.exec(header?.trim() ?? "")?.[1];
  if (hex === undefined) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  return timingSafeEqual(Buffer.from(hex, "hex"), expected);
}
