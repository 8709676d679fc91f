import "server-only";
import { currentRequestId } from "./request-context";

type Field = string | number | boolean | undefined;

/**
 * One structured line per event, for an operator's log search. Callers pass only what is safe to
 * keep: never a key, token, cookie, session, message text or a person's name.
 */
export function logEvent(event: string, fields: Record<string, Field>, level: "info" | "error" = "info"): void {
  const line = JSON.stringify({ at: new Date().toISOString(), event, requestId: currentRequestId(), ...fields });
  if (level === "error") console.error(line);
  else console.info(line);
}
