import "server-only";
import type { Conversation, ConversationType, Message, Person } from "@/lib/contracts/api";
import { SYNC_FAILURE_MESSAGES } from "./errors";
import type { LinkedApiMessage } from "./schemas";
import type { LastMessage, PersonRecord } from "./store";

export type Channel = PersonRecord["channel"];

/** Linked API times are ISO strings (the schema checked they parse); ours are epoch ms. */
export function epochMsOf(iso: string): number {
  return Date.parse(iso);
}

/**
 * The `since` we send for "every message with sentAt >= sinceMs": whether Linked API's `since` is
 * inclusive is undocumented (its recommended flow suggests exclusive) and its times may be whole
 * seconds, so ask from one second earlier, floored to the second, and filter locally.
 * Written like the seed's examples ("2023-01-01T00:00:00Z"); undefined asks for the whole history.
 */
export function upstreamSince(sinceMs: number): string | undefined {
  const second = Math.floor((sinceMs - 1_000) / 1_000) * 1_000;
  if (!Number.isFinite(second) || second <= 0) return undefined;
  return new Date(second).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A message with where it stood in the upstream history (oldest first), the tie-break for equal times. */
export type Positioned = { raw: LinkedApiMessage; sentAt: number; position: number };

/** Newest first; equal times keep the upstream order reversed (later in the history = newer). */
export function newestFirst(raw: readonly LinkedApiMessage[]): Positioned[] {
  return raw
    .map((message, position) => ({ raw: message, sentAt: epochMsOf(message.time), position }))
    .sort((a, b) => b.sentAt - a.sentAt || b.position - a.position);
}

export function fromMeOf(raw: LinkedApiMessage): boolean | null {
  if (raw.sender === "us") return true;
  if (raw.sender === "them") return false;
  return null;
}

/** The seed's messages carry no names: "them" is the person we synced, "us" the rep. */
export function mapMessage(raw: LinkedApiMessage, person: Pick<PersonRecord, "name" | "profileUrl">): Message {
  const fromMe = fromMeOf(raw);
  return {
    id: raw.id,
    text: raw.text ?? "",
    sentAt: epochMsOf(raw.time),
    sender: fromMe === true ? { name: "You" } : fromMe === false ? { name: person.name, profileUrl: person.profileUrl } : { name: "LinkedIn member" },
    fromMe,
    type: "text",
    attachments: [],
    reactions: [],
  };
}

export function lastMessageOf(raw: LinkedApiMessage): LastMessage {
  return { text: raw.text ?? "", sentAt: epochMsOf(raw.time), fromMe: raw.sender === "us" };
}

export function mapPerson(record: PersonRecord): Person {
  return {
    id: record.id,
    name: record.name,
    profileUrl: record.profileUrl,
    channel: record.channel,
    state: record.state,
    ...(record.state === "failed"
      ? { failure: { reason: record.failureReason ?? "upstream_error", message: SYNC_FAILURE_MESSAGES[record.failureReason ?? "upstream_error"] } }
      : {}),
    addedAt: record.addedAt,
    ...(record.syncedAt !== null ? { syncedAt: record.syncedAt } : {}),
  };
}

export function mapConversation(record: PersonRecord, lastMessage: LastMessage | null): Conversation {
  return {
    id: record.id,
    participant: { name: record.name, profileUrl: record.profileUrl },
    lastMessage,
    unreadCount: 0,
    type: conversationTypeOf(record),
  };
}

/** A Sales Navigator conversation is answered like an InMail: with a subject (nv.sendMessage). */
export function conversationTypeOf(record: Pick<PersonRecord, "channel">): ConversationType {
  return record.channel === "salesNavigator" ? "inmail" : "normal";
}
