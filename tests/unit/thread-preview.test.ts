import { describe, expect, it } from "vitest";
import type { Conversation, Message, MessagesPage, SendCapability } from "@/lib/contracts/api";
import { threadParticipant, threadPreview } from "@/lib/client/thread-preview";

const meta = { creditsConsumed: 0, checkedAt: 0 };
const accountThatSends = (send: SendCapability | null, isDemo = false) => ({ isDemo, capabilities: { send } });
const SENDS = accountThatSends({ maxLength: 8_000, subjectForInMail: false });
const SENDS_INMAIL_WITH_SUBJECT = accountThatSends({ maxLength: 1_900, subjectForInMail: true });
const SENDS_NOTHING = accountThatSends(null);
const conversationOf = (type: Conversation["type"]): Conversation => ({ id: "c1", participant: { name: "Ada Lovelace", headline: "Analyst" }, lastMessage: null, unreadCount: 0, type });

function message(id: string, sentAt: number, from: "rep" | "ada" | "system" = "ada"): Message {
  return {
    id,
    text: id,
    sentAt,
    sender: { name: from === "rep" ? "Rep" : "Ada Lovelace", profileUrl: from === "ada" ? "https://www.linkedin.com/in/ada" : undefined },
    fromMe: from === "rep",
    type: from === "system" ? "system" : "text",
    attachments: [],
    reactions: [],
  };
}

describe("threadPreview", () => {
  it("keeps the newest fifteen messages, newest first, each once", () => {
    const messages = Array.from({ length: 30 }, (_, i) => message(`m${i}`, 1_000 + i));
    const page: MessagesPage = { messages: [...messages.slice(0, 20), messages[3]!, ...messages.slice(20)].reverse(), nextCursor: "older", meta };
    const preview = threadPreview(page, undefined, SENDS);
    expect(preview.messages.map((m) => m.id)).toEqual(Array.from({ length: 15 }, (_, i) => `m${29 - i}`));
  });

  it("says several people write from the whole page, not from the messages it keeps", () => {
    const older = { ...message("old", 1), sender: { name: "Grace Hopper" } };
    const newer = Array.from({ length: 20 }, (_, i) => message(`m${i}`, 10 + i));
    expect(threadPreview({ messages: [...newer.reverse(), older], nextCursor: null, meta }, undefined, SENDS)).toMatchObject({ multiParty: true, canReply: true });
    expect(threadPreview({ messages: newer, nextCursor: null, meta }, undefined, SENDS_NOTHING)).toMatchObject({ multiParty: false, canReply: false, needsSubject: false });
  });

  it("names the person the provider names for the thread, else whoever else wrote in it", () => {
    const messages = [message("c", 3, "rep"), message("b", 2, "system"), message("a", 1)];
    expect(threadPreview({ messages, nextCursor: null, participants: [{ name: "Grace Hopper" }], meta }, undefined, SENDS).participant).toEqual({ name: "Grace Hopper" });
    expect(threadPreview({ messages, nextCursor: null, meta }, undefined, SENDS).participant).toEqual({ name: "Ada Lovelace", profileUrl: "https://www.linkedin.com/in/ada", pictureUrl: undefined });
    expect(threadPreview({ messages: [message("c", 3, "rep")], nextCursor: null, meta }, undefined, SENDS).participant).toBeNull();
  });

  it("takes its header from the inbox's conversation where the first page holds it, as the live thread does", () => {
    const participants = [{ name: "Grace Hopper" }, { name: "Ada Lovelace" }];
    const preview = threadPreview({ messages: [message("a", 1)], nextCursor: null, participants, meta }, conversationOf("inmail"), SENDS);
    expect(preview).toMatchObject({ participant: { name: "Ada Lovelace", headline: "Analyst" }, participants, type: "inmail" });
    expect(threadPreview({ messages: [message("a", 1)], nextCursor: null, meta }, undefined, SENDS)).toMatchObject({ participants: [], type: undefined, isDemo: false });
    expect(threadPreview({ messages: [message("a", 1)], nextCursor: null, meta }, undefined, accountThatSends(null, true)).isDemo).toBe(true);
  });

  it("keeps a subject line's place where a reply needs one: an InMail, on a provider that sends InMail replies with a subject", () => {
    const page: MessagesPage = { messages: [message("a", 1)], nextCursor: null, meta };
    expect(threadPreview(page, conversationOf("inmail"), SENDS_INMAIL_WITH_SUBJECT).needsSubject).toBe(true);
    expect(threadPreview(page, conversationOf("normal"), SENDS_INMAIL_WITH_SUBJECT).needsSubject).toBe(false);
    expect(threadPreview(page, conversationOf("inmail"), SENDS).needsSubject).toBe(false);
    // Not in the first page: the thread's own page says what it is (Linked API's Sales Navigator person), else nothing does.
    expect(threadPreview({ ...page, conversationType: "inmail" }, undefined, SENDS_INMAIL_WITH_SUBJECT)).toMatchObject({ type: "inmail", needsSubject: true });
    expect(threadPreview(page, undefined, SENDS_INMAIL_WITH_SUBJECT).needsSubject).toBe(false);
    expect(threadPreview(page, conversationOf("inmail"), SENDS_NOTHING)).toMatchObject({ canReply: false, needsSubject: false });
  });
});

describe("threadParticipant", () => {
  it("prefers the inbox's conversation, which knows the person best", () => {
    expect(threadParticipant(conversationOf("normal"), [{ name: "Someone" }], [message("a", 1)])).toEqual({ name: "Ada Lovelace", headline: "Analyst" });
  });
});
