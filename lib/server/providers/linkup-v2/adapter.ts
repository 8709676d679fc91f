import "server-only";
import type { ZodType } from "zod";
import type { Capabilities, Message } from "@/lib/contracts/api";
import { fetchUpstream } from "@/lib/server/http/fetch-upstream";
import { createIdentityMemory } from "@/lib/server/providers/identity-memory";
import { continuePage, decodeCursor, encodeCursor, type CursorState } from "@/lib/server/providers/page-cursor";
import { isProfileUrl } from "@/lib/server/providers/profile-url";
import type { AdapterDeps, InboxProvider, Page } from "@/lib/server/providers/types";
import { classifyLinkupFailure, isLinkupErrorBody, type LinkupAction } from "./errors";
import { conversationIdOf, mapConversation, mapMessage, messageIdOf } from "./map";
import {
  getConversationResponseSchema,
  listInboxResponseSchema,
  type GetConversationResponse,
  type LinkupMessage,
} from "./schemas";

export type LinkupV2Config = AdapterDeps & {
  apiKey: string;
  accountId: string;
  /** The rep's own LinkedIn profile URL, to tell their thread messages apart (Linkup gives no is_me there). */
  selfProfileUrl?: string;
};

export const LINKUP_V2_CAPABILITIES: Capabilities = {
  categories: ["INBOX", "UNREAD", "MY_CONNECTIONS", "INMAIL", "STARRED"],
  since: "emulated",
  needsSync: false,
};

/**
 * Linkup has no `since`: read the newest pages until one reaches past it. Page sizes grow so that
 * the common poll (a few new messages) costs one credit; past the last page the answer is marked
 * truncated and the client reloads the thread instead of merging.
 */
const SINCE_PAGE_SIZES = [10, 25, 50, 100, 100, 100] as const;

const messageKey = { idOf: messageIdOf, timeOf: (m: LinkupMessage) => m.timestamp };

export function createLinkupV2Provider(config: LinkupV2Config): InboxProvider {
  const identities = createIdentityMemory(config.selfProfileUrl);
  const endpoint = `${config.baseUrl.replace(/\/+$/, "")}/messages`;

  function post<T>(action: LinkupAction, params: Record<string, unknown>, success: ZodType<T>, signal: AbortSignal) {
    return fetchUpstream({
      provider: "Linkup",
      fetch: config.fetch,
      url: endpoint,
      method: "POST",
      headers: { "x-api-key": config.apiKey },
      body: { account_id: config.accountId, action, params },
      signal,
      timeoutMs: config.timeoutMs,
      success,
      classifyFailure: classifyLinkupFailure(action),
      isErrorBody: isLinkupErrorBody,
      retry: config.retry,
    });
  }

  function getConversation(conversationId: string, count: number, cursor: string | undefined, signal: AbortSignal) {
    const target = isProfileUrl(conversationId) ? { profile_url: conversationId } : { conversation_id: conversationId };
    return post("get_conversation", { ...target, count, ...(cursor ? { cursor } : {}) }, getConversationResponseSchema, signal);
  }

  function toMessages(conversationId: string, raw: readonly LinkupMessage[]): Message[] {
    const identity = identities.identityFor(conversationId, isProfileUrl(conversationId) ? conversationId : undefined);
    return raw.map((message) => mapMessage(message, identity));
  }

  return {
    capabilities: LINKUP_V2_CAPABILITIES,

    async listConversations({ category, cursor, limit }, signal) {
      const previous = cursor === undefined ? undefined : decodeCursor(cursor);
      const response = await post("list_inbox", { category, count: limit, ...(previous ? { cursor: previous.u } : {}) }, listInboxResponseSchema, signal);
      for (const raw of response.data.conversations) {
        if (raw.last_message?.sender?.is_me) identities.learnSelf(raw.last_message.sender.profile_url);
        identities.rememberParticipant(conversationIdOf(raw), raw.participant.profile_url);
      }
      const step = continuePage(response.data.conversations, response.data.next_cursor, previous, {
        idOf: conversationIdOf,
        timeOf: (raw) => raw.last_message?.time ?? 0,
      });
      return {
        items: step.items.map((raw) => mapConversation(raw, identities.selfKey)),
        nextCursor: step.next ? encodeCursor(step.next) : null,
        creditsConsumed: creditsOf(response),
      };
    },

    async listMessages({ conversationId, cursor, limit }, signal) {
      const previous = cursor === undefined ? undefined : decodeCursor(cursor);
      const response = await getConversation(conversationId, limit, previous?.u, signal);
      const step = continuePage(response.data.messages, upstreamCursor(response), previous, messageKey);
      return {
        items: toMessages(conversationId, step.items),
        nextCursor: step.next ? encodeCursor(step.next) : null,
        creditsConsumed: creditsOf(response),
      };
    },

    async messagesSince({ conversationId, since }, signal) {
      const collected = new Map<string, LinkupMessage>();
      let state: CursorState | undefined;
      let credits = 0;
      let truncated = false;
      for (const [index, count] of SINCE_PAGE_SIZES.entries()) {
        const response = await getConversation(conversationId, count, state?.u, signal);
        credits += creditsOf(response) ?? 0;
        const step = continuePage(response.data.messages, upstreamCursor(response), state, messageKey);
        for (const message of step.items) {
          if (message.timestamp >= since) collected.set(messageIdOf(message), message);
        }
        const reachedSince = response.data.messages.some((message) => message.timestamp < since);
        if (reachedSince || step.next === null) break;
        if (index === SINCE_PAGE_SIZES.length - 1) truncated = true;
        state = step.next;
      }
      const newestFirst = [...collected.values()].sort((a, b) => b.timestamp - a.timestamp);
      return { items: toMessages(conversationId, newestFirst), nextCursor: null, creditsConsumed: credits, truncated } satisfies Page<Message>;
    },
  };
}

function upstreamCursor(response: GetConversationResponse): string | null {
  const next = response.data.next_cursor;
  return next === null || next === undefined || next === "" ? null : String(next);
}

function creditsOf(response: { metadata?: { credits_consumed?: number | null } | null }): number | undefined {
  return response.metadata?.credits_consumed ?? undefined;
}
