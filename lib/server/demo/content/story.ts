import "server-only";
import type { LinkupMessageType } from "@/lib/server/linkup-v2-simulator/wire-types";

/**
 * A scripted exchange between the rep ("me") and the other participant ("them"). Texts are templates:
 * `{first}`, `{company}`, `{me}`, … are filled per conversation (see demo/templates.ts).
 */
export type StoryLine = { from: "me" | "them"; text: string; type: LinkupMessageType };

export type Story = {
  /** InMail stories start a conversation with someone outside the rep's network. */
  conversationType: "normal" | "inmail";
  lines: readonly StoryLine[];
  /** The exchange may stop (go unanswered) after this many lines; defaults to all of them. */
  minLines?: number;
};

export const me = (text: string): StoryLine => ({ from: "me", text, type: "TEXT" });
export const them = (text: string): StoryLine => ({ from: "them", text, type: "TEXT" });
export const invitation = (from: StoryLine["from"], text: string): StoryLine => ({ from, text, type: "INVITATION" });
export const sharedPost = (from: StoryLine["from"], text: string): StoryLine => ({ from, text, type: "SHARED_POST" });
