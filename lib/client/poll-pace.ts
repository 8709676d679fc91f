/**
 * The one table of pace: how long each poller waits, by how live the account is. Live (a message
 * in the last few minutes, or the rep typing) is fast; active (the rep is using the page) slower;
 * idle slower still. A hidden tab asks nothing (TanStack pauses), and coming back asks at once.
 * Each wait is jittered, so many clients do not ask in lockstep.
 *  - `head`: a polled account's inbox head, a provider read ("what changed?").
 *  - `changes`: a pushed account's question to our own database ("what did its webhooks
 *    announce?"): no provider call, no credits, so it can be quick.
 */
export const PACE_MS = {
  live: { head: 4_500, changes: 2_000 },
  active: { head: 12_000, changes: 2_000 },
  idle: { head: 25_000, changes: 10_000 },
} as const;
export type PollPace = keyof typeof PACE_MS;

/** A message this recent makes the account live. */
export const LIVE_MESSAGE_MS = 3 * 60_000;
/** Typing this recently makes it live: a reply is likely to come. */
export const LIVE_TYPING_MS = 30_000;
/** No touch, key, wheel or window focus for this long (activity.ts): idle. */
export const ACTIVE_MS = 2 * 60_000;
/**
 * The provider's own checks besides: a polled account's open thread, in case a change cannot show
 * in the inbox head (its conversation is not on the head's answer; skipped while a head vouches for
 * it, but never for longer than `vouched`, in case a provider's row lags its messages); a pushed
 * account's inbox head and open thread, in case a webhook delivery was lost. Rare, so slow.
 */
export const SAFETY_MS = { thread: 60_000, vouched: 5 * 60_000, pushed: 5 * 60_000 } as const;
/**
 * Each wait is shortened or lengthened by up to this share: enough to spread many clients out, and
 * small, because the server's shared answer must live just under the shortest wait (shortestDelayMs)
 * and what 25 clients cost against one grows with the gap between the shortest wait and the mean.
 */
const JITTER = 0.1;

export type PaceInputs = { now: number; newestMessageAt: number | null; lastTypedAt: number; lastInteractionAt: number };

/**
 * Typing is live. Otherwise a rep who has not touched the page for a while is idle, whatever
 * arrives: nobody is watching, so a new message can wait for the idle pace (and a burst of them
 * does not keep an unwatched tab asking fast). A rep using the page is live while a message is
 * recent, active otherwise.
 */
export function paceOf({ now, newestMessageAt, lastTypedAt, lastInteractionAt }: PaceInputs): PollPace {
  if (now - lastTypedAt < LIVE_TYPING_MS) return "live";
  if (now - lastInteractionAt >= ACTIVE_MS) return "idle";
  return newestMessageAt !== null && now - newestMessageAt < LIVE_MESSAGE_MS ? "live" : "active";
}

/**
 * The wait before the next ask, `base` jittered. `seed` is anything that changes with each poll (its
 * time): the jitter is derived from it, so the same state gives the same delay (TanStack recomputes
 * the interval on every render and restarts its timer when the value changes).
 */
export function paceDelayMs(base: number, seed: number): number {
  return Math.round(base * (1 - JITTER + 2 * JITTER * unitHash(seed)));
}

/** The shortest wait `paceDelayMs` gives for `base`. */
export function shortestDelayMs(base: number): number {
  return Math.round(base * (1 - JITTER));
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
