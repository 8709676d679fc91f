/**
 * How often the inbox head asks "what changed?", by how live the account is: the one table of
 * pace. Live (a message in the last few minutes, or the rep typing) is fast; active (the rep is
 * using the page) slower; idle slower still. A hidden tab asks nothing (TanStack pauses), and
 * coming back asks at once. Each wait is jittered, so many clients do not ask in lockstep.
 */
export const POLL_PACE_MS = {
  live: 4_000,
  active: 12_000,
  idle: 25_000,
} as const;
export type PollPace = keyof typeof POLL_PACE_MS;

/** A message this recent makes the account live. */
export const LIVE_MESSAGE_MS = 3 * 60_000;
/** Typing this recently makes it live: a reply is likely to come. */
export const LIVE_TYPING_MS = 30_000;
/** No touch, key, scroll or click for this long: idle. */
export const ACTIVE_MS = 2 * 60_000;
/**
 * The open thread's own check, in case a change cannot show in the inbox head (its conversation
 * is not on the first page of the category being looked at): rare, so slow.
 */
export const THREAD_SAFETY_MS = 60_000;
/** Each wait is shortened or lengthened by up to this share. */
const JITTER = 0.15;

export type PaceInputs = { now: number; newestMessageAt: number | null; lastTypedAt: number; lastInteractionAt: number };

export function paceOf({ now, newestMessageAt, lastTypedAt, lastInteractionAt }: PaceInputs): PollPace {
  if ((newestMessageAt !== null && now - newestMessageAt < LIVE_MESSAGE_MS) || now - lastTypedAt < LIVE_TYPING_MS) return "live";
  return now - lastInteractionAt < ACTIVE_MS ? "active" : "idle";
}

/**
 * The wait before the next ask at this pace. `seed` is anything that changes with each poll (its
 * time): the jitter is derived from it, so the same state gives the same delay (TanStack recomputes
 * the interval on every render and restarts its timer when the value changes).
 */
export function paceDelayMs(pace: PollPace | number, seed: number): number {
  const base = typeof pace === "number" ? pace : POLL_PACE_MS[pace];
  return Math.round(base * (1 - JITTER + 2 * JITTER * unitHash(seed)));
}

/** A number in [0, 1) that looks random but depends only on `seed`. */
export function unitHash(seed: number): number {
  const low = seed | 0;
  const high = Math.floor(seed / 2 ** 32) | 0;
  let h = Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return (h >>> 0) / 2 ** 32;
}
