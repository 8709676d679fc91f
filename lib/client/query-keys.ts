/**
 * Query-key factory. Every key starts with the account so one account's data can be dropped at once.
 * The infinite histories and their small pollers have distinct keys (neither is a prefix of the other),
 * so invalidating a history never touches its poller and vice versa.
 */
import type { Category } from "@/lib/contracts/api";
import { ACCOUNTS_KEY } from "./accounts-key";

/** The category of a key under `conversationLists` (an inbox, or a search of one). */
export function categoryOfList(queryKey: readonly unknown[]): unknown {
  const at = queryKeys.conversationLists("").length;
  return queryKey[at] === "search" ? queryKey[at + 1] : queryKey[at];
}

export const queryKeys = {
  all: ["threadline"] as const,
  accounts: () => ACCOUNTS_KEY,
  /** Admins: members, invitations and assignments. */
  team: () => [...queryKeys.all, "team"] as const,
  account: (accountId: string) => [...queryKeys.all, "account", accountId] as const,
  /** Every loaded category's inbox of an account (a prefix of `conversations`). */
  conversationLists: (accountId: string) => [...queryKeys.account(accountId), "conversations"] as const,
  /** The infinite inbox (every loaded page). */
  conversations: (accountId: string, category: Category) =>
    [...queryKeys.conversationLists(accountId), category] as const,
  /** A provider's search of a category (capabilities.search), every loaded page; under conversationLists, not under `conversations`. */
  conversationSearch: (accountId: string, category: Category, q: string) =>
    [...queryKeys.conversationLists(accountId), "search", category, q] as const,
  /** Every category's inbox head poller of an account (a prefix of `conversationsHead`). */
  conversationsHeads: (accountId: string) => [...queryKeys.account(accountId), "conversations-head"] as const,
  /** The small poller of the inbox's first page. */
  conversationsHead: (accountId: string, category: Category) => [...queryKeys.conversationsHeads(accountId), category] as const,
  /** A pushed account's poller of what its webhooks announced. */
  changes: (accountId: string) => [...queryKeys.account(accountId), "changes"] as const,
  /** The infinite thread history (every loaded page). */
  messages: (accountId: string, conversationId: string) =>
    [...queryKeys.account(accountId), "messages", conversationId] as const,
  /** The poller of the rep's read marks set on other devices. */
  readMarks: (accountId: string) => [...queryKeys.account(accountId), "read-marks"] as const,
  /** What the account's provider calls cost today (the credit meter). */
  usage: (accountId: string) => [...queryKeys.account(accountId), "usage"] as const,
  /** Linked API: the people list with each person's sync state. */
  people: (accountId: string) => [...queryKeys.account(accountId), "people"] as const,
  /** The small `since` poller of a thread. */
  messagesSince: (accountId: string, conversationId: string) =>
    [...queryKeys.account(accountId), "messages-since", conversationId] as const,
};
