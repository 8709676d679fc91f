import "server-only";
import type { Capabilities } from "@/lib/contracts/api";
import type { InboxProvider } from "./types";

/**
 * An account's capabilities as the UI learns them. `needsSync` and `send` are decided here only,
 * from what the provider has: a people directory (the people panel), a sender (the composer);
 * `push` from the account's configuration (a webhook registered with a provider that has them).
 */
export function capabilitiesOf(provider: InboxProvider, account: { push: boolean } = { push: false }): Capabilities {
  return { ...provider.capabilities, needsSync: provider.people !== undefined, send: provider.sender?.limits ?? null, push: account.push };
}
