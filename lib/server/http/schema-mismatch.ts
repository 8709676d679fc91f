import "server-only";
import type { z } from "zod";

/** Names the first field a provider response got wrong, e.g. `data.messages.3.entity_urn: expected string`. */
export function describeSchemaMismatch(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "unexpected shape";
  const path = issue.path.map(String).join(".") || "(root)";
  return `${path}: ${issue.message}`;
}
