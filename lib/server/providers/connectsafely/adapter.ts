import "server-only";
import type { ZodType } from "zod";
import { CATEGORY_LABELS, type Category, type Message, type SendCapability } from "@/lib/contracts/api";
import { ApiError } from "@/lib/server/errors";
import { fetchUpstream } from "@/lib/server/http/fetch-upstream";
import { NO_RETRY, type RetryPolicy } from "@/lib/server/http/retry-policy";
import { continuePage, decodeCursor, encodeCursor } from "@/lib/server/providers/page-cursor";
import type { AdapterDeps, InboxProvider, Page, ProviderCapabilities } from "@/lib/server/providers/types";
import { mailboxOf } from "./conversation-urn";
import { classifyConnectSafelyFailure, isConnectSafelyErrorBody, type ConnectSafelyEndpoint } from "./errors";
import {
  activityTimeOf,
  conversationIdOf,
  mapConversation,
  mapMessage,
  mapParticipant,
  mapSent,
  messageIdOf,
  newestFirst,
  othersIn,
  ownerIdOf,
} from "./map";
import {
  conversationDetailsResponseSchema,
  recentMessagesResponseSchema,
  sendResponseSchema,
  type ConnectSafelyMessage,
  type ConversationDetailsResponse,
} from "./schemas";

export type ConnectSafelyConfig = AdapterDeps & {
  apiKey: string;
  /** ConnectSafely's id of the LinkedIn account: always sent, or the provider picks the key's most recently used one. */
  accountId: string;
  /** Clock for rate-limit reset times; defaults to Date.now. */
  now?: () => number;
  /**
   * Told the mailbox URN the inbox's conversation ids carry, each time it is new to this instance
   * (webhooks name a thread without it: lib/server/push/connectsafely-ids.ts). Must not throw.
   */
  onMailbox?: (mailboxUrn: string) => Promise<void>;
};

/**
 * No category filter upstream: only `read=false` (unread) exists. Other categories are refused, never
 * faked. `keywords` on recent-messages searches participants, messages and subjects (providers.md §3a).
 */
export const CONNECTSAFELY_CAPABILITIES: ProviderCapabilities = {
  categories: ["INBOX", "UNREAD"],
  since: "native",
  search: true,
};

/** ConnectSafely documents no length limit: 8,000 characters is LinkedIn's own; a subject is optional. */
export const CONNECTSAFELY_SEND_LIMITS: SendCapability = { maxLength: 8_000, subjectForInMail: false };

/** `count` on recent-messages is at most 100 (providers.md §3a); the same bound is used for thread pages. */
const MAX_COUNT = 100;
/** `since` reads forward from the anchor this many messages at a time, at most this many times. */
const SINCE_PAGE_SIZE = 100;
const SINCE_MAX_PAGES = 5;

const messageKey = { idOf: messageIdOf, timeOf: (m: ConnectSafelyMessage) => m.sentAt };

type Query = Record<string, string | number | undefined>;

export function createConnectSafelyProvider(config: ConnectSafelyConfig): InboxProvider {
  const base = config.baseUrl.replace(/\/+$/, "");
  const now = config.now ?? Date.now;
  /** The owner's display name, learned from a thread (the inbox names senders only by name). Per instance only. */
  let selfName: string | undefined;
  /** The mailbox last told to onMailbox. */
  let toldMailbox: string | undefined;

  type Call = { url: string; method: "GET" | "POST"; body?: unknown; retry?: RetryPolicy };

  function call<T>(endpoint: ConnectSafelyEndpoint, request: Call, success: ZodType<T>, signal: AbortSignal): Promise<T> {
    return fetchUpstream({
      provider: "ConnectSafely",
      operation: endpoint,
      fetch: config.fetch,
      ...request,
      headers: { authorization: `Bearer ${config.apiKey}` },
      signal,
      timeoutMs: config.timeoutMs,
      success,
      classifyFailure: classifyConnectSafelyFailure(endpoint, now),
      isErrorBody: isConnectSafelyErrorBody,
      retry: request.retry ?? config.retry,
      meter: config.meter,
      now,
    });
  }

  function get<T>(endpoint: ConnectSafelyEndpoint, query: Query, success: ZodType<T>, signal: AbortSignal): Promise<T> {
    const url = new URL(`${base}/messaging/${endpoint}`);
    for (const [key, value] of Object.entries({ ...query, accountId: config.accountId })) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return call(endpoint, { url: url.toString(), method: "GET" }, success, signal);
  }

  function details(conversationId: string, anchor: Query, signal: AbortSignal): Promise<ConversationDetailsResponse> {
    return get("conversation-details", { conversationUrn: conversationId, ...anchor }, conversationDetailsResponseSchema, signal);
  }

  async function noteMailbox(conversationIds: readonly string[]): Promise<void> {
    const mailbox = conversationIds.map(mailboxOf).find((found) => found !== undefined);
    if (!config.onMailbox || mailbox === undefined || mailbox === toldMailbox) return;
    toldMailbox = mailbox;
    await config.onMailbox(mailbox);
  }

  function toMessages(response: ConversationDetailsResponse, raw: readonly ConnectSafelyMessage[]): Message[] {
    const ownerId = ownerIdOf(response.profileUrn);
    const mine = raw.find((message) => ownerId !== undefined && message.sender?.profileId === ownerId && message.sender.name?.trim());
    if (mine) selfName = mine.sender?.name?.trim();
    return raw.map((message) => mapMessage(message, ownerId));
  }

  return {
    capabilities: CONNECTSAFELY_CAPABILITIES,

    sender: {
      limits: CONNECTSAFELY_SEND_LIMITS,
      async send({ conversationId, text, subject }, signal) {
        // With the conversation's URN, which "skips recipient lookup", no recipient is named [inf].
        const body = { accountId: config.accountId, conversationUrn: conversationId, message: text, subject, messagingChannel: "auto" };
        const response = await call("send", { url: `${base}/conversations/send`, method: "POST", body, retry: NO_RETRY }, sendResponseSchema, signal);
        return { kind: "sent", message: mapSent(response.sentMessage, text, subject, now()) };
      },
    },

    async listConversations({ category, cursor, limit, keywords }, signal) {
      const read = readFilterFor(category);
      const previous = cursor === undefined ? undefined : decodeCursor(cursor);
      const response = await get(
        "recent-messages",
        { count: clampCount(limit), nextCursor: previous?.u, read, keywords },
        recentMessagesResponseSchema,
        signal,
      );
      const ownerId = ownerIdOf(response.profileUrn);
      const step = continuePage(response.conversations, response.nextCursor, previous, {
        idOf: conversationIdOf,
        timeOf: activityTimeOf,
      });
      const items = step.items.map((raw) => mapConversation(raw, ownerId, selfName));
      await noteMailbox(items.map((conversation) => conversation.id));
      return { items, nextCursor: step.next ? encodeCursor(step.next) : null };
    },

    async listMessages({ conversationId, cursor, limit }, signal) {
      const previous = cursor === undefined ? undefined : decodeCursor(cursor);
      // Our thread cursors wrap a millisecond anchor; anything else was not issued by us.
      if (previous && !/^\d{1,16}$/.test(previous.u)) {
        throw new ApiError("bad_request", "cursor is not valid: pass back a nextCursor exactly as we returned it.");
      }
      // First page: the newest `limit`. Older pages: before the oldest message served so far, plus one
      // for the message served at that millisecond, which the anchor (see olderAnchor) brings back.
      // Only one: a larger count could outgrow the cursor's `seen` when a millisecond holds many.
      const count = clampCount(limit + (previous?.seen?.length ? 1 : 0));
      const response = await details(conversationId, { deliveredAt: previous?.u, countBefore: count }, signal);
      const sorted = newestFirst(response.messages);
      const step = continuePage(sorted, olderAnchor(response, sorted, count, previous?.u), previous, messageKey);
      return {
        items: toMessages(response, step.items),
        nextCursor: step.next ? encodeCursor(step.next) : null,
        ...(response.participants ? { participants: othersIn(response.participants, ownerIdOf(response.profileUrn)).map(mapParticipant) } : {}),
      } satisfies Page<Message>;
    },

    async messagesSince({ conversationId, since }, signal) {
      const collected = new Map<string, ConnectSafelyMessage>();
      // One below `since`: an exclusive anchor still returns messages at exactly `since`.
      let anchor = Math.max(0, since - 1);
      // Set when the anchor had to step past a millisecond a full page sat in: messages there may be missed.
      let lossy = false;
      for (let page = 1; page <= SINCE_MAX_PAGES; page++) {
        const response = await details(conversationId, { deliveredAt: anchor, countAfter: SINCE_PAGE_SIZE }, signal);
        for (const message of response.messages) {
          if (message.sentAt >= since) collected.set(messageIdOf(message), message);
        }
        const hasMoreAfter = response.pagination?.hasMoreAfter ?? response.messages.length >= SINCE_PAGE_SIZE;
        if (!hasMoreAfter || response.messages.length === 0) {
          if (lossy) break;
          return { items: toMessages(response, newestFirst([...collected.values()])), nextCursor: null, truncated: false } satisfies Page<Message>;
        }
        // Next, re-read from just below the newest millisecond served (the page may have cut through it;
        // ids dedupe), which is right whether the anchor is inclusive or exclusive. A page all within
        // one or two milliseconds leaves no such room: step forward anyway and say the answer may be partial.
        const newest = Math.max(...response.messages.map((message) => message.sentAt));
        if (newest - 1 > anchor) {
          anchor = newest - 1;
        } else {
          lossy = true;
          anchor = Math.max(anchor + 1, newest);
        }
      }
      // More was new than the bound reads: answer with the newest ones, marked truncated so the client reloads.
      const newestPage = await details(conversationId, { countBefore: SINCE_PAGE_SIZE }, signal);
      const recent = newestFirst(newestPage.messages.filter((message) => message.sentAt >= since));
      return { items: toMessages(newestPage, recent), nextCursor: null, truncated: true } satisfies Page<Message>;
    },
  };
}

function readFilterFor(category: Category): "false" | undefined {
  switch (category) {
    case "INBOX":
      return undefined;
    case "UNREAD":
      return "false";
    default:
      throw new ApiError(
        "bad_request",
        `This account cannot filter by "${CATEGORY_LABELS[category]}": ConnectSafely offers only Inbox and Unread.`,
      );
  }
}

function clampCount(limit: number): number {
  return Math.min(MAX_COUNT, Math.max(1, Math.floor(limit)));
}

/**
 * The upstream "cursor" for the next older page: the `deliveredAt` to ask `countBefore` before. The
 * docs suggest `pagination.firstMessageAt`; we use the oldest time actually served, plus one, because
 * whether the anchor is inclusive is undocumented: +1 re-reads that millisecond under either reading
 * (a page may have cut through it), and continuePage drops what was served already. The seed's
 * firstMessageAt is older than every message it shows, so anchoring there could skip messages.
 * Never above the previous anchor, so a page stuck in one millisecond steps down instead of cycling.
 */
function olderAnchor(
  response: ConversationDetailsResponse,
  sorted: readonly ConnectSafelyMessage[],
  count: number,
  previousAnchor: string | undefined,
): string | null {
  const oldest = sorted.at(-1);
  if (oldest === undefined) return null;
  // Without `hasMoreBefore`, a full page means there may be more (hasPrevPage's direction is undocumented).
  const hasMoreBefore = response.pagination?.hasMoreBefore ?? sorted.length >= count;
  if (!hasMoreBefore) return null;
  const previous = previousAnchor === undefined ? Infinity : Number(previousAnchor);
  return String(Math.min(oldest.sentAt + 1, previous));
}
