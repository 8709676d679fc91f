import "server-only";
import type { Capabilities } from "@/lib/contracts/api";
import type { InboxProvider } from "./types";

/**
 * An account's capabilities as the UI learns them. `needsSync` and `send` are decided here only,
 * from what the provider has: a people directory (the people panel), a sender (the composer).
 */
export function capabilitiesOf(provider: InboxProvider): Capabilities {
  return { ...provider.capabilities, needsSync: provider.people !== undefined, send: provider.sender?.limits ?? null };
}
