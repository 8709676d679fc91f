import "server-only";
import { LIVE_PERSONAS } from "@/lib/server/demo/content/live-personas";
import { hashInts, pickAt } from "@/lib/server/demo/random";

/** Time is cut into slots; each slot holds at most one live message. */
export const LIVE_SLOT_MS = 30_000;
const MESSAGE_PER_MILLE = 800;
const REP_REPLY_PER_MILLE = 200;
const LIVE_SEED = 0x11fe;

/** A message written after the week anchor in one of the live conversations. */
export type LiveMessage = {
  personaIndex: number;
  /** The slot it was sent in: unique to the message, so its entity URN is derived from it. */
  slot: number;
  timestamp: number;
  fromMe: boolean;
  text: string;
  /** Messages from the participant since the rep last wrote (or since the anchor), this one included. */
  incomingStreak: number;
  /** Whether the rep has written since the anchor: if so the unread count no longer includes older messages. */
  repliedSinceAnchor: boolean;
};

/**
 * Everything computed so far for one anchor. Only a cache: slot `s` yields the same message whenever it is
 * computed, so the log is a pure function of (anchor, now) and every server instance agrees on it.
 */
type LiveLog = {
  anchor: number;
  nextSlot: number;
  byPersona: LiveMessage[][];
  lastTextIndex: Map<string, number>;
};

let log: LiveLog | undefined;

function messageForSlot(slot: number, current: LiveLog): LiveMessage | undefined {
  const roll = hashInts(LIVE_SEED, slot);
  if (roll % 1000 >= MESSAGE_PER_MILLE) return undefined;
  const personaIndex = (roll >>> 10) % LIVE_PERSONAS.length;
  const persona = pickAt(LIVE_PERSONAS, personaIndex);
  const fromMe = hashInts(LIVE_SEED, slot, 1) % 1000 < REP_REPLY_PER_MILLE;
  const pool = fromMe ? persona.replies : persona.incoming;
  // Never the same line twice in a row from the same side of a conversation.
  const textKey = `${personaIndex}:${fromMe ? "me" : "them"}`;
  const step = 1 + (hashInts(LIVE_SEED, slot, 3) % Math.max(1, pool.length - 1));
  const textIndex = ((current.lastTextIndex.get(textKey) ?? -1) + step) % pool.length;
  current.lastTextIndex.set(textKey, textIndex);

  const previous = current.byPersona[personaIndex]?.at(-1);
  return {
    personaIndex,
    slot,
    timestamp: slot * LIVE_SLOT_MS + (hashInts(LIVE_SEED, slot, 2) % LIVE_SLOT_MS),
    fromMe,
    text: pickAt(pool, textIndex),
    incomingStreak: fromMe ? 0 : (previous?.incomingStreak ?? 0) + 1,
    repliedSinceAnchor: fromMe || (previous?.repliedSinceAnchor ?? false),
  };
}

function logThrough(anchor: number, lastSlot: number): LiveLog {
  if (log === undefined || log.anchor !== anchor) {
    log = { anchor, nextSlot: Math.ceil(anchor / LIVE_SLOT_MS), byPersona: LIVE_PERSONAS.map(() => []), lastTextIndex: new Map() };
  }
  for (; log.nextSlot <= lastSlot; log.nextSlot += 1) {
    const message = messageForSlot(log.nextSlot, log);
    if (message !== undefined) log.byPersona[message.personaIndex]?.push(message);
  }
  return log;
}

/** How many of `messages` (oldest first) were sent at or before `nowMs`. */
function countSentBy(messages: readonly LiveMessage[], nowMs: number): number {
  let low = 0;
  let high = messages.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((messages[middle]?.timestamp ?? Infinity) <= nowMs) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Per live persona (index into LIVE_PERSONAS): its live messages sent between the anchor and now, oldest first. */
export function liveMessagesAt(anchor: number, nowMs: number): readonly (readonly LiveMessage[])[] {
  const current = logThrough(anchor, Math.floor(nowMs / LIVE_SLOT_MS));
  return current.byPersona.map((messages) => messages.slice(0, countSentBy(messages, nowMs)));
}
