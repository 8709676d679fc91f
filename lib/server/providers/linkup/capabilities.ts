import "server-only";
import type { SendCapability } from "@/lib/contracts/api";
import type { ProviderCapabilities } from "@/lib/server/providers/types";

/**
 * Both Linkup generations filter by every category and have no `since` (emulated by re-reading the
 * newest page) and no keyword search.
 */
export const LINKUP_CAPABILITIES: ProviderCapabilities = {
  categories: ["INBOX", "UNREAD", "MY_CONNECTIONS", "INMAIL", "STARRED"],
  since: "emulated",
  search: false,
};

/** Linkup documents no length limit: 8,000 characters is LinkedIn's own limit for a message. */
export const LINKUP_SEND_LIMITS: SendCapability = { maxLength: 8_000, subjectForInMail: false };
