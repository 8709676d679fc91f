import "server-only";
import type { Capabilities } from "@/lib/contracts/api";

/** Both Linkup generations filter by every category and have no `since` (emulated by re-reading the newest page). */
export const LINKUP_CAPABILITIES: Capabilities = {
  categories: ["INBOX", "UNREAD", "MY_CONNECTIONS", "INMAIL", "STARRED"],
  since: "emulated",
  needsSync: false,
};
