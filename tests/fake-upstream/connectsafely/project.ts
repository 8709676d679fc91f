import { createHash } from "node:crypto";
import { threadIdOf as threadIdOfConversation } from "@/lib/server/providers/connectsafely/conversation-urn";
import type { LinkupMailbox, LinkupThread } from "@/lib/server/linkup-v2-simulator/mailbox";
import type { WireConversation, WireMessage, WireParticipant } from "@/lib/server/linkup-v2-simulator/wire-types";

/**
 * Projects a LinkupMailbox (Linkup v2 wire items) into ConnectSafely's shapes (seeds/connectsafely-*.txt,
 * providers.md §3). What Linkup does not carry (attachments, reactions, subjects, profile ids) is
 * derived deterministically from the message's position, so the UI and the tests have something to show.
 */
export type Self = { name: string; profileUrl: string };

const THREAD_ID_IN_URN = /,(2-[^,()]+)\)$/;

/** `urn:li:msg_conversation:(urn:li:fsd_profile:…,2-Zml4dHVyZS3==)` → `2-Zml4dHVyZS3==`; other ids stay as they are. */
export function threadIdOf(conversationId: string): string {
  return THREAD_ID_IN_URN.exec(conversationId)?.[1] ?? conversationId;
}

/** A stable, LinkedIn-looking profile id (`ACoAA…`) for a profile URL. */
export function profileIdOf(profileUrl: string | undefined, name: string): string {
  const slug = profileUrl?.replace(/\/+$/, "").split("/").pop() || name;
  return `ACoAA${Buffer.from(slug, "utf8").toString("base64url")}`;
}

export const profileUrnOf = (profileId: string) => `urn:li:fsd_profile:${profileId}`;

/** Like the seed's ids: a message id carries its thread, `2-base64("<time><hash>-100&<thread>")`. */
function messageKeyOf(threadId: string, message: WireMessage): string {
  const hash = createHash("sha1").update(message.entity_urn).digest("hex").slice(0, 8);
  return `2-${Buffer.from(`${message.timestamp}${hash}-100&${threadId.replace(/^2-/, "")}`, "utf8").toString("base64")}`;
}

/** The thread id inside any documented conversationUrn form, this fake's message URNs included; undefined when there is none. */
function threadIdFromParam(param: string): string | undefined {
  const message = /^urn:li:msg_message:\(.*,2-([A-Za-z0-9+/=]+)\)$/.exec(param.trim()) ?? /^urn:li:messagingMessage:2-([A-Za-z0-9+/=]+)$/.exec(param.trim());
  if (!message?.[1]) return threadIdOfConversation(param);
  const thread = Buffer.from(message[1], "base64").toString("utf8").split("&")[1];
  return thread ? `2-${thread}` : undefined;
}

export function findThread(mailbox: LinkupMailbox, param: string): LinkupThread | undefined {
  const exact = mailbox.thread(param);
  if (exact) return exact;
  const threadId = threadIdFromParam(param);
  if (threadId === undefined) return undefined;
  const conversation = mailbox.conversations("INBOX").find((c) => threadIdOf(c.conversation_id) === threadId);
  return conversation ? mailbox.thread(conversation.conversation_id) : undefined;
}

/** Oldest first; equal times keep the mailbox's order. A message's position here drives what is derived from it. */
export function chronological(thread: LinkupThread): WireMessage[] {
  return [...thread.messages].sort((a, b) => a.timestamp - b.timestamp);
}

export const hasAttachmentAt = (index: number) => index % 7 === 6;
export const hasReactionAt = (index: number) => index % 11 === 10;

export function projectParticipant(participant: WireParticipant) {
  const profileId = profileIdOf(participant.profile_url, participant.name);
  return {
    profileId,
    name: participant.name,
    headline: participant.headline ?? null,
    profileUrl: participant.profile_url ?? `https://www.linkedin.com/in/${profileId}`,
    profilePicture: participant.profile_picture ?? null,
    participantUrn: `urn:li:msg_messagingParticipant:${profileUrnOf(profileId)}`,
  };
}

export function projectMessage(thread: LinkupThread, message: WireMessage, index: number, self: Self) {
  const conversation = thread.conversation;
  const threadId = threadIdOf(conversation.conversation_id);
  const selfId = profileIdOf(self.profileUrl, self.name);
  const fromMe = message.sender_info.profile_url === self.profileUrl;
  const sender = projectParticipant(
    fromMe ? { name: self.name, profile_url: self.profileUrl } : { ...conversation.participant, name: message.sender || conversation.participant.name },
  );
  const key = messageKeyOf(threadId, message);
  const attachments = hasAttachmentAt(index) ? [{ type: "image", url: `https://media.licdn.com/dms/prv/image/fake/${key}/messaging-image-720.jpg` }] : null;
  return {
    messageId: `urn:li:msg_message:(${profileUrnOf(selfId)},${key})`,
    backendMessageUrn: `urn:li:messagingMessage:${key}`,
    text: message.text,
    subject: index === 0 && conversation.type !== "normal" ? `An idea for your team, ${conversation.participant.name}` : null,
    sentAt: message.timestamp,
    sender: { profileId: sender.profileId, name: sender.name, profileUrl: sender.profileUrl, profilePicture: sender.profilePicture, participantUrn: sender.participantUrn },
    attachments,
    reactions: hasReactionAt(index) ? [{ emoji: "👍", count: 1, viewerReacted: !fromMe }] : null,
    hasAttachment: attachments !== null,
  };
}

export function projectConversation(conversation: WireConversation, thread: LinkupThread | undefined) {
  const threadId = threadIdOf(conversation.conversation_id);
  const messageCount = thread?.messages.length ?? 0;
  return {
    conversationId: threadId,
    conversationUrn: conversation.conversation_id,
    backendConversationUrn: `urn:li:messagingThread:${threadId}`,
    conversationUrl: `https://www.linkedin.com/messaging/thread/${threadId}/`,
    participants: [projectParticipant(conversation.participant)].map(({ profileId, name, headline, profilePicture }) => ({ profileId, name, headline, profilePicture })),
    unreadCount: conversation.unread,
    lastActivityAt: conversation.last_message.time,
    latestMessage: {
      text: conversation.last_message.text,
      sentAt: conversation.last_message.time,
      senderName: conversation.last_message.sender.name,
      hasAttachment: messageCount > 0 && hasAttachmentAt(messageCount - 1),
    },
  };
}
