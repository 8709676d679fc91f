import "server-only";
import { weekAnchor } from "@/lib/server/demo/clock";
import { demoHistory } from "@/lib/server/demo/history";
import { messageUrn } from "@/lib/server/demo/ids";
import { liveConversationSeed } from "@/lib/server/demo/live-persona-conversation";
import { liveMessagesAt, type LiveMessage } from "@/lib/server/demo/live";
import type { DemoOutbox } from "@/lib/server/demo/outbox";
import type { DemoConversation } from "@/lib/server/demo/model";
import { toWireConversation, toWireMessage, type TimedMessage } from "@/lib/server/demo/render";
import type { LinkupMailbox, LinkupThread } from "@/lib/server/linkup-v2-simulator/mailbox";
import type { LinkupCategory, WireConversation, WireMessage } from "@/lib/server/linkup-v2-simulator/wire-types";

/** The history laid down before one anchor, rendered to wire objects once and reused by every request that week. */
type RenderedHistory = {
  anchor: number;
  conversations: Map<string, WireConversation>;
  newestFirstMessages: Map<string, readonly WireMessage[]>;
};

let rendered: RenderedHistory | undefined;
const renderedLiveMessages = new WeakMap<LiveMessage, WireMessage>();

function renderedHistoryFor(anchor: number): RenderedHistory {
  if (rendered?.anchor !== anchor) rendered = { anchor, conversations: new Map(), newestFirstMessages: new Map() };
  return rendered;
}

function historyMessageAt(anchor: number, conversation: DemoConversation, index: number): TimedMessage | undefined {
  const message = conversation.messages[index];
  return message === undefined ? undefined : { ...message, timestamp: anchor - message.msBeforeAnchor };
}

function baseWireConversation(cache: RenderedHistory, conversation: DemoConversation): WireConversation {
  let wire = cache.conversations.get(conversation.conversationId);
  if (wire === undefined) {
    const last = historyMessageAt(cache.anchor, conversation, conversation.messages.length - 1);
    if (last === undefined) throw new Error(`Demo conversation ${conversation.conversationId} has no messages`);
    wire = toWireConversation(conversation, last, conversation.unread);
    cache.conversations.set(conversation.conversationId, wire);
  }
  return wire;
}

function baseNewestFirstMessages(cache: RenderedHistory, conversation: DemoConversation): readonly WireMessage[] {
  let wire = cache.newestFirstMessages.get(conversation.conversationId);
  if (wire === undefined) {
    wire = conversation.messages
      .map((message) => toWireMessage(conversation.participant, { ...message, timestamp: cache.anchor - message.msBeforeAnchor }))
      .reverse();
    cache.newestFirstMessages.set(conversation.conversationId, wire);
  }
  return wire;
}

function liveWireMessage(conversation: DemoConversation, message: LiveMessage): WireMessage {
  let wire = renderedLiveMessages.get(message);
  if (wire === undefined) {
    const entityUrn = messageUrn(liveConversationSeed(message.personaIndex), message.slot);
    wire = toWireMessage(conversation.participant, { ...message, type: "TEXT", entityUrn });
    renderedLiveMessages.set(message, wire);
  }
  return wire;
}

function isInCategory(conversation: DemoConversation, current: WireConversation, category: LinkupCategory): boolean {
  switch (category) {
    case "INBOX":
      return true;
    case "UNREAD":
      return current.unread > 0;
    case "MY_CONNECTIONS":
      return conversation.isConnection;
    case "INMAIL":
      return conversation.type !== "normal";
    case "STARRED":
      return conversation.isStarred;
  }
}

/**
 * The demo mailbox as it is at `nowMs`: the history (ending just before this week's anchor) plus the live
 * messages sent since. A pure function of the clock, so parallel server instances serve the same inbox,
 * except for the replies the rep sent through this process's `outbox` (without one, nothing can be sent).
 */
export function createDemoMailbox(nowMs: number, outbox?: DemoOutbox): LinkupMailbox {
  const anchor = weekAnchor(nowMs);
  const history = demoHistory();
  const cache = renderedHistoryFor(anchor);
  const live = liveMessagesAt(anchor, nowMs);

  const liveMessagesOf = (conversation: DemoConversation): readonly LiveMessage[] =>
    conversation.livePersonaIndex === undefined ? [] : (live[conversation.livePersonaIndex] ?? []);

  const sentOf = (conversation: DemoConversation): readonly TimedMessage[] => outbox?.of(conversation.conversationId) ?? [];

  const receivedWireConversation = (conversation: DemoConversation): WireConversation => {
    const lastLive = liveMessagesOf(conversation).at(-1);
    if (lastLive === undefined) return baseWireConversation(cache, conversation);
    const unread = lastLive.repliedSinceAnchor ? lastLive.incomingStreak : conversation.unread + lastLive.incomingStreak;
    return toWireConversation(conversation, { ...lastLive, type: "TEXT" }, unread);
  };

  // A reply is the conversation's last message until someone writes after it; replying reads the thread.
  const currentWireConversation = (conversation: DemoConversation): WireConversation => {
    const received = receivedWireConversation(conversation);
    const lastSent = sentOf(conversation).at(-1);
    return lastSent !== undefined && lastSent.timestamp > received.last_message.time ? toWireConversation(conversation, lastSent, 0) : received;
  };

  function thread(conversationId: string): LinkupThread | undefined {
    const conversation = history.byId.get(conversationId);
    if (conversation === undefined) return undefined;
    const liveMessages = liveMessagesOf(conversation);
    const base = baseNewestFirstMessages(cache, conversation);
    const lastIncomingLive = liveMessages.findLast((message) => !message.fromMe);
    const baseSeenAt = conversation.seenMsBeforeAnchor === undefined ? undefined : anchor - conversation.seenMsBeforeAnchor;
    const sent = sentOf(conversation).map((message) => toWireMessage(conversation.participant, message)).reverse();
    return {
      conversation: currentWireConversation(conversation),
      // Each part newest first; the wire handler's (stable) sort puts the replies among the others.
      messages:
        liveMessages.length === 0 && sent.length === 0
          ? base
          : [...sent, ...liveMessages.map((message) => liveWireMessage(conversation, message)).reverse(), ...base],
      seenByParticipantAt: lastIncomingLive?.timestamp ?? baseSeenAt,
    };
  }

  return {
    conversations(category) {
      const inCategory: WireConversation[] = [];
      for (const conversation of history.conversations) {
        const current = currentWireConversation(conversation);
        if (isInCategory(conversation, current, category)) inCategory.push(current);
      }
      return inCategory;
    },

    thread,

    ...(outbox === undefined
      ? {}
      : {
          send(conversationId: string, text: string, sendAt: number) {
            const conversation = history.byId.get(conversationId);
            const newest = thread(conversationId)?.messages.reduce((latest, message) => Math.max(latest, message.timestamp), -Infinity);
            if (conversation === undefined || newest === undefined) return undefined;
            return toWireMessage(conversation.participant, outbox.add(conversationId, text, Math.max(sendAt, newest + 1)));
          },
        }),
  };
}
