/**
 * A thread's times: the clock time under a message, the label of a day separator, and the local day
 * that groups messages under one. Apart from format.ts, which every inbox page loads first: only a
 * thread shows these.
 */
import { calendarDaysBetween, dateFormat } from "./format";

export function formatClockTime(sentAt: number, locale?: string): string {
  return dateFormat(locale, { hour: "numeric", minute: "2-digit" }).format(sentAt);
}

/** Day separator label: "Today", "Yesterday", "Monday, March 4", "March 4, 2023". */
export function formatDayLabel(sentAt: number, now: number, locale?: string): string {
  const days = calendarDaysBetween(sentAt, now);
  if (days === 0) return "Today";
  if (days === 1) return "Yesterday";
  if (new Date(sentAt).getFullYear() === new Date(now).getFullYear()) {
    return dateFormat(locale, { weekday: "long", month: "long", day: "numeric" }).format(sentAt);
  }
  return dateFormat(locale, { year: "numeric", month: "long", day: "numeric" }).format(sentAt);
}

/** A key identifying the local calendar day (for grouping messages under separators). */
export function dayKey(sentAt: number): string {
  const d = new Date(sentAt);
  return `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
}
