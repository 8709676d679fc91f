import "server-only";
import { ApiError } from "@/lib/server/errors";

/**
 * A request's JSON body, read at most `maxBytes` into memory (see readText). Only
 * `application/json`: a cross-site form cannot send that without a CORS preflight we never answer.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  if (!/^application\/json\b/i.test(request.headers.get("content-type") ?? "")) {
    throw new ApiError("bad_request", "Send the body as JSON (content-type: application/json).");
  }
  const text = await readText(request, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError("bad_request", "The body is not valid JSON.");
  }
}

/** A request's body as text (see readBytes). */
export async function readText(request: Request, maxBytes: number): Promise<string> {
  return new TextDecoder("utf-8", { fatal: false }).decode(await readBytes(request, maxBytes));
}

/**
 * A request's body exactly as sent, at most `maxBytes` into memory: a larger body is refused as
 * soon as it declares or streams past the limit, never read whole first.
 */
export async function readBytes(request: Request, maxBytes: number): Promise<Buffer> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(): ApiError {
  return new ApiError("bad_request", "The body is too large.");
}
