import "server-only";

const DAY_MS = 86_400_000;

/**
 * Monday 00:00 UTC of the week containing `nowMs`. The demo's history ends shortly before this instant and
 * live messages fill the time after it, so every server instance derives the same mailbox from the clock.
 */
export function weekAnchor(nowMs: number): number {
  const startOfDay = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const daysSinceMonday = (new Date(startOfDay).getUTCDay() + 6) % 7;
  return startOfDay - daysSinceMonday * DAY_MS;
}
