import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/server/errors";
import { continuePage, decodeCursor, encodeCursor, type CursorState } from "@/lib/server/providers/page-cursor";

/**
 * Linked API has no cursor or page size: we hold the whole (sorted) list and page it ourselves,
 * with the same cursor state as every adapter (page-cursor.ts). Our "upstream cursor" `u` is the
 * position of the last item served — its time and a tie-break — so a page boundary inside a run of
 * equal times (whole-second ISO times make those common) neither repeats nor skips an item, however
 * long the run; continuePage's `t`/`seen` stay as the safety net against a reordered list.
 */
export type SortKey<T> = {
  idOf: (item: T) => string;
  timeOf: (item: T) => number;
  /** Orders equal times; the list must be sorted by time, then tie, both descending. */
  tieOf: (item: T) => string;
};

export type ReadCursor = { previous: CursorState; time: number; tie: string } | undefined;

const positionSchema = z.tuple([z.number(), z.string()]);

/** Decodes one of our cursors, before any upstream call: a cursor we did not issue is a bad_request. */
export function readCursor(cursor: string | undefined): ReadCursor {
  if (cursor === undefined) return undefined;
  const previous = decodeCursor(cursor);
  try {
    const position = positionSchema.safeParse(JSON.parse(previous.u));
    if (position.success) return { previous, time: position.data[0], tie: position.data[1] };
  } catch {
    // fall through to the one error below
  }
  throw new ApiError("bad_request", "cursor is not valid: pass back a nextCursor exactly as we returned it.");
}

export function pageOfSorted<T>(sorted: readonly T[], read: ReadCursor, limit: number, key: SortKey<T>): { items: T[]; nextCursor: string | null } {
  const remaining = read
    ? sorted.filter((item) => key.timeOf(item) < read.time || (key.timeOf(item) === read.time && key.tieOf(item) < read.tie))
    : sorted;
  const page = remaining.slice(0, Math.max(1, limit));
  const last = page.at(-1);
  const next = last !== undefined && remaining.length > page.length ? JSON.stringify([key.timeOf(last), key.tieOf(last)]) : null;
  const step = continuePage(page, next, read?.previous, key);
  return { items: step.items, nextCursor: step.next ? encodeCursor(step.next) : null };
}

/** A tie-break string that sorts like the number (for positions in an upstream history). */
export function paddedTie(position: number): string {
  return String(position).padStart(12, "0");
}
