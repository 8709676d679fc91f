import "server-only";
import type { Conversation, ConversationType, Message, MessageType } from "@/lib/contracts/api";
import { isFromMe, type Identity } from "@/lib/server/providers/identity";
import { profileKey } from "@/lib/server/providers/profile-url";
import { sentMessage } from "@/lib/server/providers/sent-message";
import type { LinkupConversation, LinkupMessage, LinkupSent } from "./items";

export function conversationIdOf(raw: LinkupConversation): string {
  // The schema guarantees one of the two; a profile URL is a valid get_conversation key too.
  return raw.conversation_id || raw.participant.profile_url || "";
}

export function mapConversation(raw: LinkupConversation, selfKey: string | undefined): Conversation {
  const participant = raw.participant;
  const last = raw.last_message;
  return {
    id: conversationIdOf(raw),
    participant: {
      name: participant.name?.trim() || "LinkedIn member",
      ...(participant.headline ? { headline: participant.headline } : {}),
      ...(participant.profile_url ? { profileUrl: participant.profile_url } : {}),
      ...(participant.profile_picture ? { pictureUrl: participant.profile_picture } : {}),
      ...(participant.is_organization ? { isOrganization: true } : {}),
    },
    lastMessage: last
      ? {
          text: last.text ?? "",
          sentAt: last.time,
          fromMe: last.sender?.is_me ?? isFromMe(last.sender?.profile_url, { selfKey, otherKey: profileKey(participant.profile_url) }),
        }
      : null,
    unreadCount: raw.unread ?? 0,
    type: conversationType(raw.type),
  };
}

function conversationType(type: string | null | undefined): ConversationType {
  switch (type?.toLowerCase()) {
    case "inmail":
      return "inmail";
    case "sponsored":
      return "sponsored";
    default:
      return "normal";
  }
}

/**
 * Our id for a Linkup message. The entity URN alone is not enough: the documented example shows two
 * different messages with the same (elided) URN. A repeat of one message across pages has both the
 * same URN and the same timestamp, so it still collapses to one.
 */
export function messageIdOf(raw: Pick<LinkupMessage, "entity_urn" | "timestamp">): string {
  return `${raw.entity_urn}@${raw.timestamp}`;
}

/**
 * A send's answer as the thread will show that message: the same id (URN @ time), or null where the
 * answer does not name both (it was sent all the same: Linkup said so).
 */
export function mapSent(sent: LinkupSent | null | undefined, text: string, selfProfileUrl: string | undefined): Message | null {
  const sentAt = epochMsOf(sent?.deliveredAt);
  if (!sent?.entityUrn || sentAt === undefined) return null;
  return sentMessage({ id: messageIdOf({ entity_urn: sent.entityUrn, timestamp: sentAt }), text, sentAt, profileUrl: selfProfileUrl });
}

/** v2's `deliveredAt` is ISO text, v1's epoch ms (a numeric string is taken as ms too). */
function epochMsOf(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const ms = typeof value === "number" || /^\d+$/.test(value.trim()) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/** How the page cursor and the emulated `since` tell Linkup messages apart and order them. */
export const linkupMessageKey = { idOf: messageIdOf, timeOf: (message: LinkupMessage) => message.timestamp };

/** Linkup's `next_cursor` as continuePage wants it: a non-empty string, or null for the end. */
export function upstreamCursorOf(next: string | number | null | undefined): string | null {
  return next === null || next === undefined || next === "" ? null : String(next);
}

export function mapMessage(raw: LinkupMessage, identity: Identity): Message {
  const info = raw.sender_info;
  const fullName = [info?.first_name, info?.last_name].filter(Boolean).join(" ");
  return {
    id: messageIdOf(raw),
    text: raw.text ?? "",
    sentAt: raw.timestamp,
    sender: {
      name: raw.sender?.trim() || fullName || "LinkedIn member",
      ...(info?.profile_url ? { profileUrl: info.profile_url } : {}),
    },
    fromMe: isFromMe(info?.profile_url, identity),
    type: messageType(raw.message_type),
    attachments: [],
    reactions: [],
  };
}

function messageType(type: string | null | undefined): MessageType {
  switch (type?.toUpperCase()) {
    case "TEXT":
    case undefined:
      return "text";
    case "INVITATION":
      return "invitation";
    case "SHARED_POST":
      return "shared_post";
    case "SYSTEM":
      return "system";
    default:
      return "other";
  }
}
