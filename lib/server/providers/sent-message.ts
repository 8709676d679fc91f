import "server-only";
import type { Message } from "@/lib/contracts/api";

/**
 * The rep's reply as its thread will show it, from what a provider's send answer names: the same
 * id, so the browser can put it in its optimistic copy's place. The rep's display name is not known
 * here; the thread's copy, merged by id, brings it.
 */
export function sentMessage(fields: { id: string; text: string; sentAt: number; profileUrl?: string; subject?: string }): Message {
  return {
    id: fields.id,
    text: fields.text,
    sentAt: fields.sentAt,
    sender: { name: "You", ...(fields.profileUrl ? { profileUrl: fields.profileUrl } : {}) },
    fromMe: true,
    type: "text",
    ...(fields.subject ? { subject: fields.subject } : {}),
    attachments: [],
    reactions: [],
  };
}
