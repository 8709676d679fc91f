import "server-only";
import type { Capabilities, Category, Conversation, Message } from "@/lib/contracts/api";

export type Page<T> = { items: T[]; nextCursor: string | null; creditsConsumed?: number };

export type ListConversationsQuery = { category: Category; cursor?: string; limit: number };
export type ListMessagesQuery = { conversationId: string; cursor?: string; limit: number };
export type MessagesSinceQuery = { conversationId: string; since: number };

/** The seam every provider adapter implements; route code never sees a provider's wire format. */
export interface InboxProvider {
  readonly capabilities: Capabilities;
  listConversations(query: ListConversationsQuery, signal: AbortSignal): Promise<Page<Conversation>>;
  /** Newest first; `cursor` leads to older messages. */
  listMessages(query: ListMessagesQuery, signal: AbortSignal): Promise<Page<Message>>;
  /** Every message with `sentAt >= since`, newest first, each exactly once. */
  messagesSince(query: MessagesSinceQuery, signal: AbortSignal): Promise<Page<Message>>;
}

/** What every adapter is built from: nothing global, so a test or the demo can point it anywhere. */
export type AdapterDeps = {
  baseUrl: string;
  fetch: typeof fetch;
};
