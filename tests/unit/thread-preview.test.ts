import { describe, expect, it } from "vitest";
import type { Conversation, Message, MessagesPage } from "@/lib/contracts/api";
import { threadParticipant, threadPreview } from "@/lib/client/thread-preview";

const meta = { creditsConsumed: 0, checkedAt: 0 };

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
    const preview = threadPreview(page, true);
    expect(preview.messages.map((m) => m.id)).toEqual(Array.from({ length: 15 }, (_, i) => `m${29 - i}`));
  });

  it("says several people write from the whole page, not from the messages it keeps", () => {
    const older = { ...message("old", 1), sender: { name: "Grace Hopper" } };
    const newer = Array.from({ length: 20 }, (_, i) => message(`m${i}`, 10 + i));
    expect(threadPreview({ messages: [...newer.reverse(), older], nextCursor: null, meta }, true)).toMatchObject({ multiParty: true, canReply: true });
    expect(threadPreview({ messages: newer, nextCursor: null, meta }, false)).toMatchObject({ multiParty: false, canReply: false });
  });

  it("names the person the provider names for the thread, else whoever else wrote in it", () => {
    const messages = [message("c", 3, "rep"), message("b", 2, "system"), message("a", 1)];
    expect(threadPreview({ messages, nextCursor: null, participants: [{ name: "Grace Hopper" }], meta }, true).participant).toEqual({ name: "Grace Hopper" });
    expect(threadPreview({ messages, nextCursor: null, meta }, true).participant).toEqual({ name: "Ada Lovelace", profileUrl: "https://www.linkedin.com/in/ada", pictureUrl: undefined });
    expect(threadPreview({ messages: [message("c", 3, "rep")], nextCursor: null, meta }, true).participant).toBeNull();
  });
});

describe("threadParticipant", () => {
  it("prefers the inbox's conversation, which knows the person best", () => {
    const conversation: Conversation = { id: "c1", participant: { name: "Ada Lovelace", headline: "Analyst" }, lastMessage: null, unreadCount: 0, type: "normal" };
    expect(threadParticipant(conversation, [{ name: "Someone" }], [message("a", 1)])).toEqual({ name: "Ada Lovelace", headline: "Analyst" });
  });
});
