import "server-only";
import type { z } from "zod";

/**
 * The first field a provider response got wrong: `field` for the rep's error (e.g.
 * `data.messages.3.entity_urn`), `detail` with zod's words for our log (`…: expected string`).
 */
export function describeSchemaMismatch(error: z.ZodError): { field: string; detail: string } {
  const issue = error.issues[0];
  if (!issue) return { field: "unexpected shape", detail: "unexpected shape" };
  const field = issue.path.map(String).join(".") || "(root)";
  return { field, detail: `${field}: ${issue.message}` };
}
