import "server-only";
import type { Capabilities } from "@/lib/contracts/api";
import type { InboxProvider } from "./types";

/**
 * An account's capabilities as the UI learns them. `needsSync` is decided here only: an account
 * needs the people panel exactly when its provider has a people directory to serve it.
 */
export function capabilitiesOf(provider: InboxProvider): Capabilities {
  return { ...provider.capabilities, needsSync: provider.people !== undefined };
}
