import "server-only";
import type { SeededRandom } from "@/lib/server/demo/random";

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Uniform on a log scale: short gaps are as likely as long ones, as in real chats. */
export function logUniform(random: SeededRandom, min: number, max: number): number {
  return Math.round(Math.exp(Math.log(min) + random.next() * (Math.log(max) - Math.log(min))));
}

/** Time between two lines of one exchange: a reply within hours; the same person writing again, days later. */
export function replyGap(sameSenderAsBefore: boolean, random: SeededRandom): number {
  if (!sameSenderAsBefore) return logUniform(random, 2 * MINUTE_MS, 20 * HOUR_MS);
  return random.chance(0.25) ? logUniform(random, 15 * SECOND_MS, 4 * MINUTE_MS) : logUniform(random, DAY_MS, 5 * DAY_MS);
}

/** Time between two chapters of a relationship (an opening, a follow-up weeks later, …). */
export function chapterGap(random: SeededRandom): number {
  return logUniform(random, 10 * DAY_MS, 70 * DAY_MS);
}

/**
 * Places messages, oldest first, so the last one is `lastMsBeforeAnchor` before the anchor and each one
 * is `gapsBefore[i]` after the previous (gapsBefore[0] is ignored). Every time is distinct.
 */
export function layOutBeforeAnchor(gapsBefore: readonly number[], lastMsBeforeAnchor: number): number[] {
  const times = new Array<number>(gapsBefore.length);
  let offset = lastMsBeforeAnchor;
  for (let index = gapsBefore.length - 1; index >= 0; index -= 1) {
    times[index] = offset;
    offset += Math.max(SECOND_MS, Math.round(gapsBefore[index] ?? SECOND_MS));
  }
  return times;
}
