import "server-only";
import type { ZodType } from "zod";
import { fetchUpstream } from "@/lib/server/http/fetch-upstream";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import { LINKUP_CAPABILITIES } from "@/lib/server/providers/linkup/capabilities";
import { collectSince } from "@/lib/server/providers/emulated-since";
import { createIdentityMemory, type SenderChecks } from "@/lib/server/providers/identity-memory";
import { linkupMessageKey, upstreamCursorOf } from "@/lib/server/providers/linkup/map";
import { conversationPage, learnParticipants, messagePage, toMessages } from "@/lib/server/providers/linkup/pages";
import { createLinkupSender } from "@/lib/server/providers/linkup/sender";
import { decodeCursor } from "@/lib/server/providers/page-cursor";
import { isProfileUrl } from "@/lib/server/providers/profile-url";
import type { AdapterDeps, InboxProvider } from "@/lib/server/providers/types";
import { classifyLinkupV1Failure, isLinkupV1ErrorBody, type LinkupV1Call } from "./errors";
import {
  conversationResponseSchema,
  DEFAULT_LINKUP_COUNTRY,
  inboxResponseSchema,
  sendMessageResponseSchema,
  type ConversationResponse,
  type LinkupCountry,
} from "./schemas";

export { LINKUP_COUNTRIES, type LinkupCountry } from "./schemas";

export type LinkupV1Config = AdapterDeps & {
  apiKey: string;
  /** The LinkedIn session cookie Linkup v1 acts with: a secret like the key, sent only in request bodies. */
  loginToken: string;
  /** Linkup's proxy country; FR when unset, as Linkup defaults. */
  country?: LinkupCountry;
  /** The rep's own LinkedIn profile URL, to tell their thread messages apart (v1 gives no is_me at all). */
  selfProfileUrl?: string;
  /** What each thread last showed of who writes in it (a group's reply is refused): one per account, shared by every copy of its adapter. */
  senderChecks?: SenderChecks;
};

/**
 * Linkup API v1 (providers.md §2, seeds/linkup-v1-conversation-messages.txt): one POST per endpoint,
 * the key in `x-api-key`, the `login_token` and `country` in every body. v1 reports no credits.
 */
export function createLinkupV1Provider(config: LinkupV1Config): InboxProvider {
  const identities = createIdentityMemory(config.selfProfileUrl, config.senderChecks);
  const base = config.baseUrl.replace(/\/+$/, "");
  const country = config.country ?? DEFAULT_LINKUP_COUNTRY;

  function post<T>(call: LinkupV1Call, params: Record<string, unknown>, success: ZodType<T>, signal: AbortSignal, retry = config.retry) {
    return fetchUpstream({
      provider: "Linkup",
      operation: `v1:${call}`,
      fetch: config.fetch,
      url: `${base}/messages/${call}`,
      method: "POST",
      headers: { "x-api-key": config.apiKey },
      body: { ...params, country, login_token: config.loginToken },
      signal,
      timeoutMs: config.timeoutMs,
      success,
      classifyFailure: classifyLinkupV1Failure(call),
      isErrorBody: isLinkupV1ErrorBody,
      retry,
      meter: config.meter,
    });
  }

  function getConversation(conversationId: string, count: number, cursor: string | undefined, signal: AbortSignal) {
    const target = isProfileUrl(conversationId) ? { linkedin_url: conversationId } : { conversation_id: conversationId };
    return post("conversation", { ...target, total_results: count, ...(cursor ? { cursor } : {}) }, conversationResponseSchema, signal);
  }

  return {
    capabilities: LINKUP_CAPABILITIES,

    learnFromPage: (conversations) => learnParticipants(conversations, identities),

    sender: createLinkupSender(identities, config.selfProfileUrl, {
      readNewest: async (conversationId, count, signal) => (await getConversation(conversationId, count, undefined, signal)).data.messages,
      send: async (profileUrl, text, signal) =>
        (await post("send-message", { linkedin_url: profileUrl, message_text: text }, sendMessageResponseSchema, signal, NO_RETRY)).data,
    }),

    async listConversations({ category, cursor, limit }, signal) {
      const previous = cursor === undefined ? undefined : decodeCursor(cursor);
      // v1 names the inbox's request cursor `next_cursor`, like the response field.
      const params = { category, total_results: limit, ...(previous ? { next_cursor: previous.u } : {}) };
      const response = await post("inbox", params, inboxResponseSchema, signal);
      return conversationPage(response.data.conversations, upstreamCursorOf(response.data.next_cursor), previous, identities);
    },

    async listMessages({ conversationId, cursor, limit }, signal) {
      const previous = cursor === undefined ? undefined : decodeCursor(cursor);
      const response = await getConversation(conversationId, limit, previous?.u, signal);
      return messagePage(conversationId, response.data.messages, threadCursor(response), previous, identities);
    },

    async messagesSince({ conversationId, since }, signal) {
      // v1 has no `since` either: emulated exactly as for v2 (see collectSince).
      const result = await collectSince(since, linkupMessageKey, async (count, upstreamCursor) => {
        const response = await getConversation(conversationId, count, upstreamCursor, signal);
        return { items: response.data.messages, upstreamNext: threadCursor(response) };
      });
      return { // Only the messages since the poll's time: some of who writes, never the whole say (learnFromSenders).
        items: toMessages(conversationId, result.items, identities, false), nextCursor: null, truncated: result.truncated };
    },
  };
}

/**
 * The cursor to the next older page, or null at the end. `has_next_page: false` ends it whatever
 * `next_cursor` says, and both missing ends it too. A `has_next_page: true` without a cursor falls back
 * to what the docs say the cursor is, the oldest message's timestamp; continuePage absorbs the repeat
 * if Linkup treats it inclusively.
 */
function threadCursor(response: ConversationResponse): string | null {
  const { has_next_page: hasNextPage, next_cursor: nextCursor, messages } = response.data;
  if (hasNextPage === false) return null;
  const next = upstreamCursorOf(nextCursor);
  if (next !== null || hasNextPage !== true || messages.length === 0) return next;
  return String(Math.min(...messages.map((message) => message.timestamp)));
}
