/** The composer's rules, pure: what Enter does, and whether a draft can be sent as it is. */
import type { ConversationType, SendCapability } from "@/lib/contracts/api";
import { MAX_MESSAGE_LENGTH } from "@/lib/contracts/text-limits";
import type { Draft } from "./draft-store";

/** The longest subject our API takes. */
export const MAX_SUBJECT_LENGTH = 200;
/** Characters left are shown from this many on (or from a tenth of the limit, if more). */
const SHOW_REMAINING_BELOW = 200;

/** A reply here needs a subject: an InMail, on a provider that sends InMail replies with one. */
export function needsSubject(send: SendCapability | null | undefined, type: ConversationType | undefined): boolean {
  return send?.subjectForInMail === true && type === "inmail";
}

/** A device with a mouse or trackpad and a real keyboard: Enter sends there, as in any chat app. */
export const ENTER_SENDS_QUERY = "(hover: hover) and (pointer: fine)";

export type KeyPress = { key: string; keyCode: number; shiftKey: boolean; altKey: boolean; ctrlKey: boolean; metaKey: boolean; isComposing: boolean };

/** The keyCode of a key an input method took: Safari sends the Enter that confirms a conversion after the composition ended. */
const IME_KEY_CODE = 229;

/**
 * "send", or "type" (the textarea does what it does: a line break, or the input method's own use
 * of Enter while composing). On a phone Enter is a line break: the Send button sends. Ctrl/Cmd+Enter
 * sends everywhere (a tablet with a keyboard).
 */
export function enterAction(press: KeyPress, enterSends: boolean): "send" | "type" {
  if (press.key !== "Enter" || press.isComposing || press.keyCode === IME_KEY_CODE) return "type";
  if (press.ctrlKey || press.metaKey) return "send";
  if (press.shiftKey || press.altKey) return "type";
  return enterSends ? "send" : "type";
}

/** The words as sent: line breaks as \n, no control characters but line breaks and tabs, no blank ends. */
export function replyText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[^\P{Cc}\n\t]/gu, "")
    .trim();
}

export type ReplyCheck = {
  text: string;
  subject: string;
  /** The most characters this account's provider takes. */
  limit: number;
  remaining: number;
  /** Near the limit (or over it): show what is left. */
  showRemaining: boolean;
  tooLong: boolean;
  missingSubject: boolean;
  canSend: boolean;
};

export function checkReply(draft: Draft, send: SendCapability, needsSubject: boolean): ReplyCheck {
  const text = replyText(draft.text);
  const subject = draft.subject.trim();
  const limit = Math.min(send.maxLength, MAX_MESSAGE_LENGTH);
  const remaining = limit - text.length;
  const tooLong = remaining < 0;
  const missingSubject = needsSubject && subject === "";
  return {
    text,
    subject,
    limit,
    remaining,
    showRemaining: remaining < SHOW_REMAINING_BELOW || remaining <= limit * 0.1,
    tooLong,
    missingSubject,
    canSend: text !== "" && !tooLong && !missingSubject && subject.length <= MAX_SUBJECT_LENGTH,
  };
}
