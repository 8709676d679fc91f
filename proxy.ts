import { NextResponse, type NextRequest } from "next/server";
import { ERROR_STATUS, errorEnvelope } from "@/lib/contracts/errors";
import { malformedPathReason } from "@/lib/proxy/malformed-path";

/** Runs before routing: a path Next.js cannot decode gets our error envelope, not its bare 500. */
export function proxy(request: NextRequest): NextResponse {
  const reason = malformedPathReason(new URL(request.url).pathname);
  if (reason !== null) {
    return NextResponse.json(errorEnvelope("bad_request", reason), { status: ERROR_STATUS.bad_request, headers: { "cache-control": "no-store" } });
  }
  return NextResponse.next();
}

export const config = {
  // Every path but Next's own build assets.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
