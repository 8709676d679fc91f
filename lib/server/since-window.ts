import "server-only";

/**
 * How far each "since" answer (webhook changes, read marks) reaches back before `since`: a row
 * stamped just before the previous answer's `checkedAt`, but stored while that answer was being
 * read, is in this one. Clients treat what they have seen already as seen.
 */
export const SINCE_OVERLAP_MS = 5_000;

/**
 * Rows stored since `since` (with the overlap), at most `max`: more than that is `truncated`, and the
 * client reloads instead. `checkedAt` is read before the rows, so it is safe as the next `since`.
 */
export async function readSince<T>(
  since: number,
  max: number,
  read: (from: number, limit: number) => Promise<T[]>,
  now: () => number = Date.now,
): Promise<{ items: T[]; checkedAt: number; truncated?: true }> {
  const checkedAt = now();
  const items = await read(Math.max(0, since - SINCE_OVERLAP_MS), max + 1);
  return { items: items.slice(0, max), checkedAt, ...(items.length > max ? { truncated: true as const } : {}) };
}
