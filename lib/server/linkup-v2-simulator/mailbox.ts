import "server-only";
import type { LinkupCategory, WireConversation, WireMessage } from "@/lib/server/linkup-v2-simulator/wire-types";

/** One conversation with everything `get_conversation` reports about it. */
export type LinkupThread = {
  conversation: WireConversation;
  /** Any order: the wire handler sorts them newest first (stably, so equal timestamps keep this order). */
  messages: readonly WireMessage[];
  /** When the other participant last read the conversation; undefined when there is no read receipt. */
  seenByParticipantAt?: number;
};

/**
 * The state a Linkup v2 simulator serves, as seen at one moment. The wire handler does the ordering,
 * filtering by cursor and paging, so an implementation only has to say what exists: the demo's
 * time-driven mailbox and a test's small mutable fixture both fit.
 */
export interface LinkupMailbox {
  /** Every conversation in the category, in any order. */
  conversations(category: LinkupCategory): readonly WireConversation[];
  /** The conversation with this `conversation_id`, or undefined when there is none. */
  thread(conversationId: string): LinkupThread | undefined;
  /**
   * The rep's message, sent at `nowMs`, arrives as the newest of this conversation and is returned as
   * the thread will show it; undefined for an unknown conversation. Absent where nothing can be sent.
   */
  send?(conversationId: string, text: string, nowMs: number): WireMessage | undefined;
}
