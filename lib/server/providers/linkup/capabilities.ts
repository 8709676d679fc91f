import "server-only";
import type { ProviderCapabilities } from "@/lib/server/providers/types";

/** Both Linkup generations filter by every category and have no `since` (emulated by re-reading the newest page). */
export const LINKUP_CAPABILITIES: ProviderCapabilities = {
  categories: ["INBOX", "UNREAD", "MY_CONNECTIONS", "INMAIL", "STARRED"],
  since: "emulated",
};
