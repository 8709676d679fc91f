import "server-only";
import { messageUrn } from "@/lib/server/demo/ids";
import { hashString } from "@/lib/server/demo/random";
import type { TimedMessage } from "@/lib/server/demo/render";

/** The most replies kept; past it, the oldest go first. */
const MAX_SENT = 500;
/** Message seeds for sent replies start here, far above any history or live message's. */
const SENT_SEED_BASE = 1_000_000_000;

/**
 * Replies the rep sends from the demo account. The demo has no database, so they live in this
 * process only (a restart or another server instance does not have them), and only so many.
 */
export function createDemoOutbox() {
  const byConversation = new Map<string, TimedMessage[]>();
  /** One entry per reply kept, oldest first: which conversation to evict from. */
  const order: string[] = [];
  let sentCount = 0;

  return {
    add(conversationId: string, text: string, timestamp: number): TimedMessage {
      const message: TimedMessage = {
        fromMe: true,
        text,
        type: "TEXT",
        timestamp,
        entityUrn: messageUrn(hashString(conversationId), SENT_SEED_BASE + sentCount++),
      };
      byConversation.set(conversationId, [...(byConversation.get(conversationId) ?? []), message]);
      order.push(conversationId);
      if (order.length > MAX_SENT) {
        const evicted = order.shift();
        if (evicted !== undefined) byConversation.get(evicted)?.shift();
      }
      return message;
    },
    /** This conversation's replies, oldest first. */
    of(conversationId: string): readonly TimedMessage[] {
      return byConversation.get(conversationId) ?? [];
    },
  };
}

export type DemoOutbox = ReturnType<typeof createDemoOutbox>;
