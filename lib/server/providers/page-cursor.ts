import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/server/errors";

/**
 * Our cursors wrap the provider's: `u` is the upstream cursor, `t` the oldest time on the page we
 * served, `seen` the ids served at exactly that time. Upstream cursors that are inclusive (a page
 * starts at the time of the previous page's last item) would otherwise repeat items; with `seen`
 * every item is served exactly once. Encoded as base64url JSON so its form never leaks a provider's.
 */
// Enough for ordinary same-millisecond ties while the cursor stays URL-sized; the client dedupes by id anyway.
const MAX_SEEN = 16;
/** Rows without a time are rare; fewer ids keep the cursor URL-sized beside `seen`. */
const MAX_TIMELESS = 8;

const cursorStateSchema = z.strictObject({
  u: z.string().min(1).max(2048),
  t: z.number().optional(),
  seen: z.array(z.string().max(1024)).max(MAX_SEEN).optional(),
  /** Ids served without a time (no last message): no time rule tells a repeat of them. */
  q: z.array(z.string().max(1024)).max(MAX_TIMELESS).optional(),
});
export type CursorState = z.infer<typeof cursorStateSchema>;


export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): CursorState {
  try {
    const json: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const parsed = cursorStateSchema.safeParse(json);
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the one error below
  }
  throw new ApiError("bad_request", "cursor is not valid: pass back a nextCursor exactly as we returned it.");
}

export type PageStep<T> = { items: T[]; next: CursorState | null };

/**
 * Given one upstream page fetched with `previous` (undefined for the first page), returns the items
 * not served before and the state for the next page, or null when the listing has ended. Always
 * terminates: an upstream cursor that does not move is stepped past (numeric time cursors) or ends it.
 * An item without a time (a conversation with no last message) neither sets the page's oldest time
 * nor is dropped by it: counted as time 0, it made every later page look newer, and empty.
 */
export function continuePage<T>(
  upstreamItems: readonly T[],
  upstreamNext: string | null | undefined,
  previous: CursorState | undefined,
  key: { idOf: (item: T) => string; timeOf: (item: T) => number | undefined },
): PageStep<T> {
  // Pages go strictly older: anything newer than the last page's oldest time was served already
  // (this also absorbs a provider that repeats a page), and at that time only `seen` was.
  const alreadyServed = new Set([...(previous?.seen ?? []), ...(previous?.q ?? [])]);
  const items: T[] = [];
  for (const item of upstreamItems) {
    const id = key.idOf(item);
    const time = key.timeOf(item);
    if (previous?.t !== undefined && time !== undefined && time > previous.t) continue;
    if (alreadyServed.has(id)) continue;
    alreadyServed.add(id);
    items.push(item);
  }

  if (!upstreamNext || upstreamItems.length === 0) return { items, next: null };

  let nextUpstream = upstreamNext;
  if (previous && nextUpstream === previous.u && items.every((item) => key.timeOf(item) === undefined)) {
    // The provider keeps answering the same page (nothing new with a time; rows without one may
    // have outrun `q`): step past it if the cursor is a time, else stop.
    if (!/^\d+$/.test(nextUpstream)) return { items, next: null };
    nextUpstream = String(Number(nextUpstream) - 1);
  }

  const servedTimeless = [...(previous?.q ?? []), ...items.filter((item) => key.timeOf(item) === undefined).map(key.idOf)].slice(-MAX_TIMELESS);
  const q = servedTimeless.length > 0 ? { q: servedTimeless } : {};
  const times = upstreamItems.map(key.timeOf).filter((time) => time !== undefined);
  if (times.length === 0) return { items, next: { ...previous, u: nextUpstream, ...q } };
  const oldest = Math.min(...times);
  const atOldest = upstreamItems.filter((item) => key.timeOf(item) === oldest).map(key.idOf);
  const carried = previous?.t === oldest ? (previous.seen ?? []) : [];
  const seen = [...new Set([...carried, ...atOldest])].slice(-MAX_SEEN);
  return { items, next: { u: nextUpstream, t: oldest, seen, ...q } };
}
