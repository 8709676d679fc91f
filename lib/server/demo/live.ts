import "server-only";
import { LIVE_PERSONAS } from "@/lib/server/demo/content/live-personas";
import { hashInts, pickAt } from "@/lib/server/demo/random";

/** Time is cut into slots; each slot holds at most one live message. */
export const LIVE_SLOT_MS = 30_000;
const MESSAGE_PER_MILLE = 800;
const REP_REPLY_PER_MILLE = 200;
const LIVE_SEED = 0x11fe;
/** A line comes back in the same conversation only after this long: repeats within it look fake. */
export const LIVE_NO_REPEAT_MS = 60 * 60_000;

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
  /** Per conversation side ("persona:me" / "persona:them"): how many lines it has used. */
  linesUsed: Map<string, number>;
  /** Per conversation side and line: when it was last sent. */
  lineSentAt: Map<string, number>;
};

let log: LiveLog | undefined;

function messageForSlot(slot: number, current: LiveLog): LiveMessage | undefined {
  const roll = hashInts(LIVE_SEED, slot);
  if (roll % 1000 >= MESSAGE_PER_MILLE) return undefined;
  const personaIndex = (roll >>> 10) % LIVE_PERSONAS.length;
  const persona = pickAt(LIVE_PERSONAS, personaIndex);
  const fromMe = hashInts(LIVE_SEED, slot, 1) % 1000 < REP_REPLY_PER_MILLE;
  const pool = fromMe ? persona.replies : persona.incoming;
  // Each side goes round its pool in turn (from its own starting line); a line sent within the last
  // LIVE_NO_REPEAT_MS leaves the slot quiet instead.
  const side = `${personaIndex}:${fromMe ? "me" : "them"}`;
  const used = current.linesUsed.get(side) ?? 0;
  const textIndex = (hashInts(LIVE_SEED, personaIndex, fromMe ? 1 : 0) + used) % pool.length;
  const timestamp = slot * LIVE_SLOT_MS + (hashInts(LIVE_SEED, slot, 2) % LIVE_SLOT_MS);
  const lineKey = `${side}:${textIndex}`;
  const lastSent = current.lineSentAt.get(lineKey);
  if (lastSent !== undefined && timestamp - lastSent < LIVE_NO_REPEAT_MS) return undefined;
  current.linesUsed.set(side, used + 1);
  current.lineSentAt.set(lineKey, timestamp);

  const previous = current.byPersona[personaIndex]?.at(-1);
  return {
    personaIndex,
    slot,
    timestamp,
    fromMe,
    text: pickAt(pool, textIndex),
    incomingStreak: fromMe ? 0 : (previous?.incomingStreak ?? 0) + 1,
    repliedSinceAnchor: fromMe || (previous?.repliedSinceAnchor ?? false),
  };
}

function logThrough(anchor: number, lastSlot: number): LiveLog {
  if (log === undefined || log.anchor !== anchor) {
    log = { anchor, nextSlot: Math.ceil(anchor / LIVE_SLOT_MS), byPersona: LIVE_PERSONAS.map(() => []), linesUsed: new Map(), lineSentAt: new Map() };
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
