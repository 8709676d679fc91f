import type { LinkupCategory, WireConversation, WireMessage } from "@/lib/server/linkup-v2-simulator/wire-types";
import type { LinkupMailbox, LinkupThread } from "@/lib/server/linkup-v2-simulator/wire";

/** The rep whose inbox the fake upstream serves. */
export const FIXTURE_SELF = { name: "Riley Rep", profileUrl: "https://www.linkedin.com/in/riley-rep-fixture" } as const;

export const FIXTURE_CONVERSATION_COUNT = 75;
export const LONG_THREAD_LENGTH = 1_500;
export const LONG_THREAD_NAME = "Lena Longthread";

const FIRST = ["Ava", "Noah", "Mia", "Liam", "Zoe", "Omar", "Yuki", "Ines", "Ravi", "Sofia", "Chen", "Lucas", "Amara", "Jonas", "Priya"];
const LAST = ["Garcia", "Okafor", "Tanaka", "Novak", "Haddad", "Silva", "Kowalski", "Iyer", "Dubois", "Moreau"];

type FixtureThread = LinkupThread & { starred: boolean; connection: boolean; messages: WireMessage[] };

/**
 * A small deterministic inbox for browser tests, mutable through the control endpoints:
 * 75 conversations over every category, conversation 0 with a 1,500-message thread.
 */
export function createFixtureMailbox(newestTime: number) {
  const threads = new Map<string, FixtureThread>();
  const order: string[] = [];

  for (let index = 0; index < FIXTURE_CONVERSATION_COUNT; index++) {
    const thread = buildThread(index, newestTime - index * 3_600_000);
    threads.set(thread.conversation.conversation_id, thread);
    order.push(thread.conversation.conversation_id);
  }

  const mailbox: LinkupMailbox = {
    conversations(category: LinkupCategory): readonly WireConversation[] {
      return order
        .map((id) => threads.get(id))
        .filter((thread): thread is FixtureThread => thread !== undefined && inCategory(thread, category))
        .map((thread) => thread.conversation);
    },
    thread(conversationId: string): LinkupThread | undefined {
      return threads.get(conversationId);
    },
    send: (conversationId, text, nowMs) => append(conversationId, text, true, nowMs),
  };

  /** A new message arrives now in a conversation, as on LinkedIn. */
  function append(conversationId: string, text: string, fromMe: boolean, now: number): WireMessage | undefined {
    const thread = threads.get(conversationId);
    if (!thread) return undefined;
    const newest = Math.max(...thread.messages.map((m) => m.timestamp));
    const timestamp = Math.max(now, newest + 1);
    const participant = thread.conversation.participant;
    const message = wireMessage(conversationId, thread.messages.length, timestamp, text, fromMe ? FIXTURE_SELF : { name: participant.name, profileUrl: participant.profile_url ?? "" });
    thread.messages.push(message);
    thread.conversation = {
      ...thread.conversation,
      last_message: { text, time: timestamp, sender: { name: message.sender, profile_url: message.sender_info.profile_url, is_me: fromMe } },
      unread: fromMe ? 0 : thread.conversation.unread + 1,
    };
    return message;
  }

  return { mailbox, append, conversationIds: () => [...order] };
}

function inCategory(thread: FixtureThread, category: LinkupCategory): boolean {
  switch (category) {
    case "INBOX":
      return true;
    case "UNREAD":
      return thread.conversation.unread > 0;
    case "MY_CONNECTIONS":
      return thread.connection;
    case "INMAIL":
      return thread.conversation.type !== "normal";
    case "STARRED":
      return thread.starred;
  }
}

function buildThread(index: number, lastTime: number): FixtureThread {
  const name = index === 0 ? LONG_THREAD_NAME : `${FIRST[index % FIRST.length]} ${LAST[index % LAST.length]}`;
  const isCompany = index % 17 === 5;
  const type = isCompany ? "Sponsored" : index % 10 === 3 ? "inmail" : "normal";
  const slug = `${name.toLowerCase().replace(/\s+/g, "-")}-${index}`;
  const participant = {
    name: isCompany ? `Company ${index}` : name,
    headline: isCompany ? "We help teams sell" : `Head of Sales at Firm ${index}`,
    profile_url: isCompany ? `https://www.linkedin.com/company/company-${index}` : `https://www.linkedin.com/in/${slug}`,
    ...(isCompany ? { is_organization: true } : {}),
  };
  const conversationId = `urn:li:msg_conversation:(urn:li:fsd_profile:ACoAAFixture,2-Zml4dHVyZS${index}==)`;
  const length = index === 0 ? LONG_THREAD_LENGTH : 1 + (index % 7) * 3;
  const messages: WireMessage[] = [];
  for (let n = 0; n < length; n++) {
    const fromMe = n % 2 === 1;
    const timestamp = lastTime - (length - 1 - n) * 60_000;
    const author = fromMe ? FIXTURE_SELF : { name: participant.name, profileUrl: participant.profile_url };
    messages.push(wireMessage(conversationId, n, timestamp, `${name} message ${n + 1} of ${length}`, author));
  }
  const newest = messages[messages.length - 1]!;
  const newestFromMe = newest.sender_info.profile_url === FIXTURE_SELF.profileUrl;
  return {
    conversation: {
      conversation_id: conversationId,
      participant,
      last_message: { text: newest.text, time: newest.timestamp, sender: { name: newest.sender, profile_url: newest.sender_info.profile_url, is_me: newestFromMe } },
      unread: index % 4 === 1 && !newestFromMe ? 2 : 0,
      type,
    },
    messages,
    starred: index % 6 === 0,
    connection: index % 2 === 0,
  };
}

function wireMessage(conversationId: string, n: number, timestamp: number, text: string, author: { name: string; profileUrl: string }): WireMessage {
  const [first = author.name, ...rest] = author.name.split(" ");
  return {
    text,
    timestamp,
    sender: author.name,
    sender_info: { first_name: first, last_name: rest.join(" "), profile_url: author.profileUrl },
    message_type: n === 0 ? "INVITATION" : "TEXT",
    entity_urn: `urn:li:msg_message:(${conversationId.slice(-12)},${n})`,
  };
}
