/** Builders for our API's URLs (same origin). Ids are always encodeURIComponent-ed. */
import type { Category } from "@/lib/contracts/api";

export const INBOX_PAGE_SIZE = 20;
export const THREAD_PAGE_SIZE = 30;

export function accountsUrl(): string {
  return "/api/accounts";
}

export function conversationsUrl(
  accountId: string,
  q: { category: Category; cursor?: string | null; limit?: number; search?: string },
): string {
  const params = new URLSearchParams({ category: q.category });
  if (q.cursor != null) params.set("cursor", q.cursor);
  if (q.search) params.set("q", q.search);
  params.set("limit", String(q.limit ?? INBOX_PAGE_SIZE));
  return `/api/accounts/${encodeURIComponent(accountId)}/conversations?${params.toString()}`;
}

/** A thread's messages: read with messagesUrl's query, or POST a reply here. */
export function threadMessagesUrl(accountId: string, conversationId: string): string {
  return `/api/accounts/${encodeURIComponent(accountId)}/conversations/${encodeURIComponent(conversationId)}/messages`;
}

/** This rep's read mark on a conversation: PUT read through a message, DELETE to mark it unread. */
export function readMarkUrl(accountId: string, conversationId: string): string {
  return `/api/accounts/${encodeURIComponent(accountId)}/conversations/${encodeURIComponent(conversationId)}/read`;
}

export function messagesUrl(
  accountId: string,
  conversationId: string,
  q: { cursor?: string | null; limit?: number } | { since: number },
): string {
  const params = new URLSearchParams();
  if ("since" in q) {
    params.set("since", String(Math.max(0, Math.floor(q.since))));
  } else {
    if (q.cursor != null) params.set("cursor", q.cursor);
    params.set("limit", String(q.limit ?? THREAD_PAGE_SIZE));
  }
  return `${threadMessagesUrl(accountId, conversationId)}?${params.toString()}`;
}

/** A pushed account: what its webhooks announced since `since` (our database only). */
export function changesUrl(accountId: string, since: number): string {
  return `/api/accounts/${encodeURIComponent(accountId)}/changes?since=${Math.max(0, Math.floor(since))}`;
}

/** The rep's read marks on the account set since `since` (any device). */
export function readMarksUrl(accountId: string, since: number): string {
  return `/api/accounts/${encodeURIComponent(accountId)}/read-marks?since=${Math.max(0, Math.floor(since))}`;
}

/** Linked API accounts: the people whose conversations are synchronized. */
export function peopleUrl(accountId: string): string {
  return `/api/accounts/${encodeURIComponent(accountId)}/people`;
}

export function personUrl(accountId: string, personId: string): string {
  return `${peopleUrl(accountId)}/${encodeURIComponent(personId)}`;
}

export function personSyncUrl(accountId: string, personId: string): string {
  return `${personUrl(accountId, personId)}/sync`;
}

export const teamUrls = {
  team: () => "/api/team",
  invitations: () => "/api/team/invitations",
  invitation: (invitationId: string) => `/api/team/invitations/${encodeURIComponent(invitationId)}`,
  member: (userId: string) => `/api/team/members/${encodeURIComponent(userId)}`,
  memberAccounts: (userId: string) => `/api/team/members/${encodeURIComponent(userId)}/accounts`,
};

export function usageUrl(accountId: string): string {
  return `/api/accounts/${encodeURIComponent(accountId)}/usage`;
}
