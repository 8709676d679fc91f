import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/server/errors";

/** A delivery's body (its exact bytes), as JSON of the provider's documented shape; a 400 otherwise. */
export function parseDelivery<T>(body: Uint8Array, schema: z.core.$ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw new ApiError("bad_request", "The delivery is not JSON.");
  }
  return parseEventData(json, schema);
}

/** An event's data, once its type is known, in the shape that type documents; a 400 otherwise. */
export function parseEventData<T>(data: unknown, schema: z.core.$ZodType<T>): T {
  const parsed = z.safeParse(schema, data);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.map(String).join(".") || "(body)"))];
  throw new ApiError("bad_request", `The delivery is not in the documented shape (${fields.join(", ")}).`);
}
