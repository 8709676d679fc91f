import "server-only";
import type { WireConversation } from "@/lib/server/linkup-v2-simulator/wire-types";

/** A place in the inbox order: after the conversation whose last activity was `time` and whose key is `key`. */
export type InboxPosition = { time: number; key: string };

const CURSOR_PREFIX = "DESCENDING";
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** The LinkedIn thread id inside a conversation URN, e.g. `2-MDZi…==` in `urn:li:msg_conversation:(urn:li:fsd_profile:…,2-MDZi…==)`. */
const THREAD_ID_IN_URN = /,(2-[^,()]+)\)$/;

/** What the cursor names a conversation by: its thread id, like the real cursors, or the whole id when it has none. */
export function inboxOrderKey(conversationId: string): string {
  return THREAD_ID_IN_URN.exec(conversationId)?.[1] ?? conversationId;
}

export function positionOf(conversation: WireConversation): InboxPosition {
  return { time: conversation.last_message.time, key: inboxOrderKey(conversation.conversation_id) };
}

/** Inbox order: most recent activity first; equal times ordered by key so the order is total. */
export function compareInboxPositions(a: InboxPosition, b: InboxPosition): number {
  if (a.time !== b.time) return b.time - a.time;
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}

export function encodeInboxCursor(position: InboxPosition): string {
  return Buffer.from(`${CURSOR_PREFIX}&${position.time}&${position.key}`, "utf8").toString("base64");
}

/** Undefined when the text is not a cursor this simulator could have issued. */
export function decodeInboxCursor(cursor: string): InboxPosition | undefined {
  if (!BASE64.test(cursor) || cursor.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(cursor, "base64").toString("utf8");
  const [prefix, time, ...keyParts] = decoded.split("&");
  const key = keyParts.join("&");
  if (prefix !== CURSOR_PREFIX || time === undefined || !/^\d{1,16}$/.test(time) || key === "") return undefined;
  return { time: Number(time), key };
}
