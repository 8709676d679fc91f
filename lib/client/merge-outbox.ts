/**
 * Pure merge of a thread's messages (the server's: loaded pages + polled deltas) with the rep's
 * replies still in the outbox, so each reply shows exactly once: as itself until the thread has it,
 * then as the thread's message.
 *
 * An outbox entry is matched (and hidden) by a thread message with the id its send answered; else
 * by a message that may be the rep's (fromMe !== false) with the same words (whitespace aside) sent
 * from MATCH_BEFORE_MS before the entry was made to MATCH_AFTER_MS after it. Each message matches
 * at most one entry, so the same words sent twice show twice. Among entries with the same words,
 * the oldest takes the earliest message its window allows: as all windows have the same length,
 * that matches as many entries as any assignment could.
 *
 * The shown list (newest first): unmatched entries, newest first, below everything else, then the
 * thread's messages in their own order. Nothing is dropped, nothing shows twice, and the result does
 * not depend on the order entries are given in.
 */
import type { Message } from "@/lib/contracts/api";
import type { OutboxEntry } from "./outbox-entry";

/** The provider's clock may run behind ours. */
export const MATCH_BEFORE_MS = 30_000;
/** A slow provider (Linked API's workflow) or an unconfirmed send may land this long after. */
export const MATCH_AFTER_MS = 10 * 60_000;
/** A matched entry is kept a while, so a newer entry with the same words cannot take its message. */
export const KEEP_MATCHED_MS = 2 * 60_000;

export type ThreadItem = { kind: "message"; message: Message } | { kind: "outbox"; message: Message; entry: OutboxEntry };

/** Prefix of the ids given to replies shown from the outbox (never a provider's id). */
export const OUTBOX_ID_PREFIX = "outbox:";

export function normalizedText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Entries that never left the browser, or were refused, are not in the thread whatever it shows. */
function mayBeInThread(entry: OutboxEntry): boolean {
  return entry.mayBeDelivered || (entry.state !== "queued" && entry.state !== "failed");
}

function withinWindow(entry: OutboxEntry, message: Message): boolean {
  return message.sentAt >= entry.createdAt - MATCH_BEFORE_MS && message.sentAt <= entry.createdAt + MATCH_AFTER_MS;
}

/** Whether this message could be this entry's by its words (ignoring which other entry took it). */
export function couldBeReply(entry: OutboxEntry, message: Message): boolean {
  return mayBeInThread(entry) && message.fromMe !== false && withinWindow(entry, message) && normalizedText(message.text) === normalizedText(entry.text);
}

function oldestFirst(a: OutboxEntry, b: OutboxEntry): number {
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0;
}

function earliestFirst(a: Message, b: Message): number {
  if (a.sentAt !== b.sentAt) return a.sentAt - b.sentAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Which thread message each matched entry is (by clientId). */
export function matchOutbox(messages: readonly Message[], entries: readonly OutboxEntry[]): Map<string, Message> {
  const matches = new Map<string, Message>();
  // Nothing to match (almost always): skip indexing a history that may hold thousands of messages.
  if (entries.length === 0) return matches;
  const taken = new Set<string>();
  const byId = new Map(messages.map((message) => [message.id, message]));
  const ordered = [...entries].sort(oldestFirst);

  for (const entry of ordered) {
    const named = entry.message ? byId.get(entry.message.id) : undefined;
    if (named && !taken.has(named.id)) {
      matches.set(entry.clientId, named);
      taken.add(named.id);
    }
  }

  const byWords = new Map<string, Message[]>();
  for (const message of [...messages].sort(earliestFirst)) {
    if (message.fromMe === false) continue;
    const key = normalizedText(message.text);
    const list = byWords.get(key);
    if (list) list.push(message);
    else byWords.set(key, [message]);
  }
  for (const entry of ordered) {
    if (matches.has(entry.clientId)) continue;
    const candidates = byWords.get(normalizedText(entry.text)) ?? [];
    const found = candidates.find((message) => !taken.has(message.id) && couldBeReply(entry, message));
    if (found) {
      matches.set(entry.clientId, found);
      taken.add(found.id);
    }
  }
  return matches;
}

/** How a reply not in the thread yet is shown among its messages. */
function asMessage(entry: OutboxEntry, sender: Message["sender"], notBefore: number): Message {
  return {
    id: `${OUTBOX_ID_PREFIX}${entry.clientId}`,
    text: entry.text,
    // Never before the thread's newest message: it shows at the bottom, under today's date.
    sentAt: Math.max(entry.createdAt, notBefore),
    sender,
    fromMe: true,
    type: "text",
    ...(entry.subject ? { subject: entry.subject } : {}),
    attachments: [],
    reactions: [],
  };
}

/** The thread as shown: `messages` newest first (as flattenMessages gives them), `entries` this conversation's. */
export function mergeOutbox(messages: readonly Message[], entries: readonly OutboxEntry[], matches = matchOutbox(messages, entries)): ThreadItem[] {
  const unmatched = entries.filter((entry) => !matches.has(entry.clientId)).sort((a, b) => oldestFirst(b, a));
  const items: ThreadItem[] = messages.map((message) => ({ kind: "message", message }));
  if (unmatched.length === 0) return items;
  const me = messages.find((message) => message.fromMe === true)?.sender ?? { name: "You" };
  const newest = messages[0]?.sentAt ?? 0;
  const pending: ThreadItem[] = unmatched.map((entry) => ({ kind: "outbox", entry, message: asMessage(entry, me, newest) }));
  return [...pending, ...items];
}

/**
 * Matched entries the outbox can forget: their message is old enough that no new entry's window
 * reaches it, no unmatched entry could take it instead, and no request for them is still running.
 */
export function settledEntries(entries: readonly OutboxEntry[], matches: ReadonlyMap<string, Message>, now: number): string[] {
  const unmatched = entries.filter((entry) => !matches.has(entry.clientId));
  return entries
    .filter((entry) => {
      const message = matches.get(entry.clientId);
      if (!message || entry.state === "sending" || entry.state === "pending") return false;
      return now - message.sentAt > KEEP_MATCHED_MS && !unmatched.some((other) => couldBeReply(other, message));
    })
    .map((entry) => entry.clientId);
}
