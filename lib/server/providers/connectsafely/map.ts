import "server-only";
import type { Conversation, Message, Participant } from "@/lib/contracts/api";
import { sentMessage } from "@/lib/server/providers/sent-message";
import type { ConnectSafelyConversation, ConnectSafelyMessage, ConnectSafelyParticipant, ConnectSafelySent } from "./schemas";

const UNKNOWN_NAME = "LinkedIn member";

/** The profile id inside the account owner's `urn:li:fsd_profile:<id>`, or undefined when there is none. */
export function ownerIdOf(profileUrn: string | null | undefined): string | undefined {
  const match = /^urn:li:fsd_profile:([^,()\s]+)$/.exec(profileUrn?.trim() ?? "");
  return match?.[1];
}

export function conversationIdOf(raw: ConnectSafelyConversation): string {
  // The schema guarantees one of the two; the URN is what conversation-details documents first.
  return raw.conversationUrn || raw.conversationId || "";
}

export function messageIdOf(raw: Pick<ConnectSafelyMessage, "messageId" | "backendMessageUrn">): string {
  return raw.messageId || raw.backendMessageUrn || "";
}

/**
 * A send's `sentMessage` as the thread will show it, where it names the message: by the thread's
 * own id fields first, else the newer API's `messageUrn` [inf]; null where it names none.
 */
export function mapSent(sent: ConnectSafelySent | null | undefined, text: string, subject: string | undefined, now: number): Message | null {
  const id = sent ? messageIdOf(sent) || sent.messageUrn : undefined;
  if (!sent || !id) return null;
  return sentMessage({ id, text: sent.text ?? text, sentAt: sent.sentAt ?? now, subject });
}

/** When a conversation was last active: what the inbox is ordered by. */
export function activityTimeOf(raw: ConnectSafelyConversation): number | undefined {
  return raw.lastActivityAt ?? raw.latestMessage?.sentAt ?? undefined;
}

function nameOf(person: ConnectSafelyParticipant): string {
  return person.name?.trim() || UNKNOWN_NAME;
}

/** The docs show `profileUrl` as `https://www.linkedin.com/in/<profileId>`; the inbox omits it, so it is built the same way. */
function profileUrlOf(person: ConnectSafelyParticipant): string | undefined {
  if (person.profileUrl) return person.profileUrl;
  return person.profileId ? `https://www.linkedin.com/in/${encodeURIComponent(person.profileId)}` : undefined;
}

export function mapParticipant(person: ConnectSafelyParticipant): Participant {
  const profileUrl = profileUrlOf(person);
  return {
    name: nameOf(person),
    ...(person.headline ? { headline: person.headline } : {}),
    ...(profileUrl ? { profileUrl } : {}),
    ...(person.profilePicture ? { pictureUrl: person.profilePicture } : {}),
  };
}

/** Everyone in the thread but the account owner (ConnectSafely lists only the others, but may not always). */
export function othersIn(participants: readonly ConnectSafelyParticipant[] | null | undefined, ownerId: string | undefined): ConnectSafelyParticipant[] {
  return (participants ?? []).filter((person) => ownerId === undefined || person.profileId !== ownerId);
}

/** "Ana", "Ana and Bo", "Ana, Bo and Cy", "Ana, Bo and 2 others". */
export function groupName(names: readonly string[]): string {
  const [first, second, third] = names;
  if (first === undefined) return UNKNOWN_NAME;
  if (second === undefined) return first;
  if (third === undefined) return `${first} and ${second}`;
  if (names.length === 3) return `${first}, ${second} and ${third}`;
  return `${first}, ${second} and ${names.length - 2} others`;
}

/**
 * The inbox only names the latest message's sender. It is not the rep's when that name is one of the
 * other participants. It is when it is the owner's name (learned from a thread: `selfName`) and
 * nobody else's; or, that name not known yet, when the conversation has one other person, the
 * sender is not them, and nothing in it is unread (a message the rep has not read is not theirs)
 * [inf]. Otherwise nobody can tell (null): a wrong "You:" would hide a reply the rep owes.
 */
export function latestFromMe(
  senderName: string | null | undefined,
  others: readonly ConnectSafelyParticipant[],
  selfName: string | undefined,
  unreadCount: number,
): boolean | null {
  const name = comparableName(senderName);
  if (!name) return null;
  if (others.some((person) => comparableName(person.name) === name)) return false;
  if (selfName !== undefined) return name === comparableName(selfName) ? true : null;
  return others.length === 1 && comparableName(others[0]?.name) && unreadCount === 0 ? true : null;
}

/** A display name as compared: the same letters, whatever the spacing, case or Unicode form. */
function comparableName(name: string | null | undefined): string {
  return (name ?? "").normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase();
}

export function mapConversation(raw: ConnectSafelyConversation, ownerId: string | undefined, selfName: string | undefined): Conversation {
  const others = othersIn(raw.participants, ownerId);
  const [only] = others;
  const participant: Participant =
    others.length === 1 && only !== undefined ? mapParticipant(only) : { name: groupName(others.map(nameOf)) };
  const latest = raw.latestMessage;
  const sentAt = latest?.sentAt ?? raw.lastActivityAt;
  return {
    id: conversationIdOf(raw),
    participant,
    lastMessage:
      latest && sentAt != null
        ? { text: latest.text ?? "", sentAt, fromMe: latestFromMe(latest.senderName, others, selfName, raw.unreadCount ?? 0) }
        : null,
    unreadCount: raw.unreadCount ?? 0,
    // The inbox says nothing about InMail or sponsored threads.
    type: "normal",
  };
}

export function mapMessage(raw: ConnectSafelyMessage, ownerId: string | undefined): Message {
  const sender = raw.sender ?? {};
  const profileUrl = profileUrlOf(sender);
  const subject = raw.subject?.trim();
  return {
    id: messageIdOf(raw),
    text: raw.text ?? "",
    sentAt: raw.sentAt,
    sender: {
      name: nameOf(sender),
      ...(profileUrl ? { profileUrl } : {}),
      ...(sender.profilePicture ? { pictureUrl: sender.profilePicture } : {}),
    },
    fromMe: ownerId === undefined || !sender.profileId ? null : sender.profileId === ownerId,
    type: "text",
    ...(subject ? { subject } : {}),
    attachments: (raw.attachments ?? []).flatMap((attachment) =>
      attachment.url ? [{ type: attachment.type?.trim() || "file", url: attachment.url }] : [],
    ),
    reactions: (raw.reactions ?? []).flatMap((reaction) =>
      reaction.emoji ? [{ emoji: reaction.emoji, count: reaction.count ?? 1, viewerReacted: reaction.viewerReacted ?? false }] : [],
    ),
  };
}

/** Newest first; equal times keep the order they came in. */
export function newestFirst(messages: readonly ConnectSafelyMessage[]): ConnectSafelyMessage[] {
  return [...messages].sort((a, b) => b.sentAt - a.sentAt);
}
