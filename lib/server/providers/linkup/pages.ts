import "server-only";
import type { Conversation, Message } from "@/lib/contracts/api";
import type { createIdentityMemory } from "@/lib/server/providers/identity-memory";
import { continuePage, encodeCursor, type CursorState } from "@/lib/server/providers/page-cursor";
import { isProfileUrl } from "@/lib/server/providers/profile-url";
import type { LinkupConversation, LinkupMessage } from "./items";
import { conversationIdOf, linkupMessageKey, mapConversation, mapMessage } from "./map";
import { learnFromSenders, RECIPIENT_LOOKUP_COUNT } from "./recipient";

/** What both Linkup adapters learn about who is who (their messages carry no is_me). */
export type LinkupIdentities = ReturnType<typeof createIdentityMemory>;

type MappedPage<T> = { items: T[]; nextCursor: string | null };

/** An inbox page as we serve it (read by another instance): each conversation's other participant, as its upstream page names them. */
export function learnParticipants(conversations: readonly Conversation[], identities: LinkupIdentities): void {
  for (const conversation of conversations) identities.rememberParticipant(conversation.id, conversation.participant.profileUrl);
}

/** One upstream inbox page → our page: learns identities, serves each conversation once, wraps the cursor. */
export function conversationPage(
  raw: readonly LinkupConversation[],
  upstreamNext: string | null,
  previous: CursorState | undefined,
  identities: LinkupIdentities,
): MappedPage<Conversation> {
  for (const conversation of raw) {
    if (conversation.last_message?.sender?.is_me) identities.learnSelf(conversation.last_message.sender.profile_url);
    identities.rememberParticipant(conversationIdOf(conversation), conversation.participant.profile_url);
  }
  // Linkup's inbox is in LinkedIn's order of activity, not of last message (a reaction moves a row up
  // with its old message time), so no time tells what a page served already: ids at the page's edge
  // do, and the browser keeps each conversation once.
  const step = continuePage(raw, upstreamNext, previous, { idOf: conversationIdOf, timeOf: () => undefined });
  return {
    items: step.items.map((conversation) => mapConversation(conversation, identities.selfKey)),
    nextCursor: step.next ? encodeCursor(step.next) : null,
  };
}

/** One upstream thread page → our page: serves each message once, wraps the cursor. */
export function messagePage(
  conversationId: string,
  raw: readonly LinkupMessage[],
  upstreamNext: string | null,
  previous: CursorState | undefined,
  identities: LinkupIdentities,
): MappedPage<Message> {
  const step = continuePage(raw, upstreamNext, previous, linkupMessageKey);
  // The newest page (no cursor), long enough or the whole thread, shows who writes in it lately.
  const coverNewest = previous === undefined && (raw.length >= RECIPIENT_LOOKUP_COUNT || upstreamNext === null);
  return { items: toMessages(conversationId, step.items, identities, coverNewest), nextCursor: step.next ? encodeCursor(step.next) : null };
}

/**
 * Maps thread messages, telling the rep's own apart by profile (our conversation id may be the other
 * person's profile URL), and learns whom a reply goes to from who wrote them (`coverNewest`: they
 * are the thread's newest, see learnFromSenders).
 */
export function toMessages(conversationId: string, raw: readonly LinkupMessage[], identities: LinkupIdentities, coverNewest: boolean): Message[] {
  const profileUrlId = isProfileUrl(conversationId);
  if (!profileUrlId) learnFromSenders(conversationId, raw, identities, coverNewest);
  const identity = identities.identityFor(conversationId, profileUrlId ? conversationId : undefined);
  return raw.map((message) => mapMessage(message, identity));
}
