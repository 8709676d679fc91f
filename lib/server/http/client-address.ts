import "server-only";

/** The address a request came from, as the platform in front of us (Vercel) forwards it; "unknown" without one. */
export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}
