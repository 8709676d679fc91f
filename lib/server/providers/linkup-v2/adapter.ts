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
import { classifyLinkupFailure, isLinkupErrorBody, type LinkupAction } from "./errors";
import { getConversationResponseSchema, listInboxResponseSchema, sendResponseSchema } from "./schemas";

export type LinkupV2Config = AdapterDeps & {
  apiKey: string;
  accountId: string;
  /** The rep's own LinkedIn profile URL, to tell their thread messages apart (Linkup gives no is_me there). */
  selfProfileUrl?: string;
  /** What each thread last showed of who writes in it (a group's reply is refused): one per account, shared by every copy of its adapter. */
  senderChecks?: SenderChecks;
};

export function createLinkupV2Provider(config: LinkupV2Config): InboxProvider {
  const identities = createIdentityMemory(config.selfProfileUrl, config.senderChecks);
  const endpoint = `${config.baseUrl.replace(/\/+$/, "")}/messages`;

  function post<T extends CreditMetadata>(action: LinkupAction, params: Record<string, unknown>, success: ZodType<T>, signal: AbortSignal, retry = config.retry) {
    return fetchUpstream({
      provider: "Linkup",
      operation: action,
      fetch: config.fetch,
      url: endpoint,
      method: "POST",
      headers: { "x-api-key": config.apiKey },
      body: { account_id: config.accountId, action, params },
      signal,
      timeoutMs: config.timeoutMs,
      success,
      creditsOf,
      classifyFailure: classifyLinkupFailure(action),
      isErrorBody: isLinkupErrorBody,
      retry,
      meter: config.meter,
    });
  }

  function getConversation(conversationId: string, count: number, cursor: string | undefined, signal: AbortSignal) {
    const target = isProfileUrl(conversationId) ? { profile_url: conversationId } : { conversation_id: conversationId };
    return post("get_conversation", { ...target, count, ...(cursor ? { cursor } : {}) }, getConversationResponseSchema, signal);
  }

  return {
    capabilities: LINKUP_CAPABILITIES,

    learnFromPage: (conversations) => learnParticipants(conversations, identities),

    sender: createLinkupSender(identities, config.selfProfileUrl, {
      readNewest: async (conversationId, count, signal) => (await getConversation(conversationId, count, undefined, signal)).data.messages,
      send: async (profileUrl, text, signal) =>
        (await post("send", { profile_url: profileUrl, message_text: text }, sendResponseSchema, signal, NO_RETRY)).data,
    }),

    async listConversations({ category, cursor, limit }, signal) {
      const previous = cursor === undefined ? undefined : decodeCursor(cursor);
      const response = await post("list_inbox", { category, count: limit, ...(previous ? { cursor: previous.u } : {}) }, listInboxResponseSchema, signal);
      const page = conversationPage(response.data.conversations, upstreamCursorOf(response.data.next_cursor), previous, identities);
      return { ...page, creditsConsumed: creditsOf(response) };
    },

    async listMessages({ conversationId, cursor, limit }, signal) {
      const previous = cursor === undefined ? undefined : decodeCursor(cursor);
      const response = await getConversation(conversationId, limit, previous?.u, signal);
      const page = messagePage(conversationId, response.data.messages, upstreamCursorOf(response.data.next_cursor), previous, identities);
      return { ...page, creditsConsumed: creditsOf(response) };
    },

    async messagesSince({ conversationId, since }, signal) {
      // Linkup has no `since`: emulated by reading the newest pages (see collectSince).
      const result = await collectSince(since, linkupMessageKey, async (count, upstreamCursor) => {
        const response = await getConversation(conversationId, count, upstreamCursor, signal);
        return {
          items: response.data.messages,
          upstreamNext: upstreamCursorOf(response.data.next_cursor),
          creditsConsumed: creditsOf(response),
        };
      });
      return {
        // Only the messages since the poll's time: some of who writes, never the whole say (learnFromSenders).
        items: toMessages(conversationId, result.items, identities, false),
        nextCursor: null,
        creditsConsumed: result.creditsConsumed ?? 0,
        truncated: result.truncated,
      };
    },
  };
}

type CreditMetadata = { metadata?: { credits_consumed?: number | null } | null };

function creditsOf(response: CreditMetadata): number | undefined {
  return response.metadata?.credits_consumed ?? undefined;
}
