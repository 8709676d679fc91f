import "server-only";
import type { Capabilities, Category, Conversation, ConversationType, Message, Participant, Person, SendCapability } from "@/lib/contracts/api";
import type { AddPersonBody } from "@/lib/contracts/queries";
import type { ApiError } from "@/lib/server/errors";
import type { RetryPolicy } from "@/lib/server/http/retry-policy";
import type { UpstreamMeter } from "@/lib/server/limits/provider-meter";

export type Page<T> = {
  items: T[];
  nextCursor: string | null;
  creditsConsumed?: number;
  /** Only on `messagesSince`: more was new than one request reads (see responseMetaSchema). */
  truncated?: boolean;
  /** Only on message pages, where the provider names everyone in the thread. */
  participants?: Participant[];
  /** Only on message pages, where the thread says what the conversation is (see messagesPageSchema). */
  conversationType?: ConversationType;
};

/** `keywords` only where the provider says it can search (`capabilities.search`). */
export type ListConversationsQuery = { category: Category; cursor?: string; limit: number; keywords?: string };
export type ListMessagesQuery = { conversationId: string; cursor?: string; limit: number };
export type MessagesSinceQuery = { conversationId: string; since: number };

/** What an adapter says it can do; `needsSync`, `send` and `push` are not its to say (see capabilitiesOf). */
export type ProviderCapabilities = Omit<Capabilities, "needsSync" | "send" | "push">;

/** The seam every provider adapter implements; route code never sees a provider's wire format. */
export interface InboxProvider {
  readonly capabilities: ProviderCapabilities;
  /** Only where the provider cannot list an inbox (Linked API): the people the rep adds instead. */
  readonly people?: PeopleDirectory;
  /** Only where the provider can send a reply in an existing conversation. */
  readonly sender?: MessageSender;
  listConversations(query: ListConversationsQuery, signal: AbortSignal): Promise<Page<Conversation>>;
  /** Newest first; `cursor` leads to older messages. */
  listMessages(query: ListMessagesQuery, signal: AbortSignal): Promise<Page<Message>>;
  /** Every message with `sentAt >= since`, newest first, each exactly once. */
  messagesSince(query: MessagesSinceQuery, signal: AbortSignal): Promise<Page<Message>>;
  /**
   * An inbox page another instance read (the shared cache's answer): where the adapter keeps what
   * inbox pages teach it in its instance's memory (Linkup: whom a reply goes to), it learns it here.
   */
  learnFromPage?(conversations: readonly Conversation[]): void;
}

export type SendInput = { conversationId: string; text: string; subject?: string };

/**
 * What the provider said to a send: it was sent (with the message, where the provider names it:
 * its id is what the thread will show), or a slow job was started (Linked API's workflow) whose
 * `ref` `status` asks about. Definite refusals are thrown as ApiError; so is a failure after which
 * the provider may still have the message (retryable errors, an unreadable 2xx): the caller must
 * never send again blindly after those.
 */
export type SendReceipt = { kind: "sent"; message: Message | null } | { kind: "started"; ref: string };
export type SendProgress = SendReceipt | { kind: "running" } | { kind: "failed"; error: ApiError };

export interface MessageSender {
  readonly limits: SendCapability;
  /** Sends once: never retried by the upstream fetch path (NO_RETRY). */
  send(input: SendInput, signal: AbortSignal): Promise<SendReceipt>;
  /** For providers whose send is a job (`started`): how it is going, asked once. */
  status?(ref: string, signal: AbortSignal): Promise<SendProgress>;
  /**
   * How long after an unconfirmed attempt its message may still appear in the thread, where a
   * provider queues sends (lib/server/sends/send-message.ts has the default).
   */
  readonly unconfirmedGraceMs?: number;
}

/**
 * For providers that cannot list an inbox (Linked API): the people whose conversations the rep
 * asked to synchronize. Starting a sync never waits for it; `list` checks pending syncs' status.
 */
export interface PeopleDirectory {
  list(signal: AbortSignal): Promise<Person[]>;
  /** Idempotent per person and channel: adding someone already there returns them as they are. */
  add(input: AddPersonBody, signal: AbortSignal): Promise<Person>;
  /** Starts a new sync (after a failure or a lapsed sync). */
  resync(personId: string, signal: AbortSignal): Promise<Person>;
  remove(personId: string): Promise<void>;
}

/** What every adapter is built from: nothing global, so a test or the demo can point it anywhere. */
export type AdapterDeps = {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  /** Defaults to the read policy; tests pass NO_RETRY to see a failure's first mapping. */
  retry?: RetryPolicy;
  /** Counts every call against the account's limits (none for the demo and in adapter tests). */
  meter?: UpstreamMeter;
};
