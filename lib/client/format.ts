/** Pure formatting helpers for the UI (times, initials, usage). A thread's times: thread-times.ts; links in text: linkify.ts. */
import { isLinkedInMediaUrl } from "@/lib/contracts/media-hosts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * One formatter per locale and options: making an Intl.DateTimeFormat is far dearer than using one
 * (with dateStyle/timeStyle, about 1 ms on a slow phone), and every row and message formats times.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ""}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Whole calendar days between two instants in local time (DST-safe). */
export function calendarDaysBetween(earlier: number, later: number): number {
  return Math.round((startOfDay(later) - startOfDay(earlier)) / DAY);
}

/** Compact inbox time: "now", "5m", "3h", "Yesterday", "Tue", "Mar 4", "3/4/23". */
export function formatCompactTime(sentAt: number, now: number, locale?: string): string {
  const diff = now - sentAt;
  if (diff < MINUTE) return "now";
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)}m`;
  const days = calendarDaysBetween(sentAt, now);
  if (days <= 0 && diff < DAY) return `${Math.floor(diff / HOUR)}h`;
  if (days === 1) return "Yesterday";
  if (days < 7) return dateFormat(locale, { weekday: "short" }).format(sentAt);
  if (new Date(sentAt).getFullYear() === new Date(now).getFullYear()) {
    return dateFormat(locale, { month: "short", day: "numeric" }).format(sentAt);
  }
  return dateFormat(locale, { year: "2-digit", month: "numeric", day: "numeric" }).format(sentAt);
}

export function formatFullTimestamp(sentAt: number, locale?: string): string {
  return dateFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(sentAt);
}

/** Up to two initials, from letters only ("Acme Corp." → "AC", "  " → "?"). */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ""))
    .filter((w) => w.length > 0);
  const first = words[0];
  if (first === undefined) return "?";
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const chars = [...first].slice(0, 1).concat(last ? [...last].slice(0, 1) : []);
  return chars.join("").toUpperCase();
}

/** A stable small number for a string (picks an avatar tint). */
export function hashString(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (hash * 31 + value.charCodeAt(i)) | 0;
  return Math.abs(hash);
}

/** A picture we may load: http(s) on LinkedIn's media hosts only (anything else is shown as a link). */
export function loadableImageUrl(url: string | undefined): string | undefined {
  const safe = safeHttpUrl(url);
  return safe !== undefined && isLinkedInMediaUrl(safe) ? safe : undefined;
}

/** Only http(s) URLs become clickable hrefs (a provider could send `javascript:`). */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** "Checked just now", "Checked 40 s ago", "Checked 3 min ago": when the inbox last asked LinkedIn. */
export function formatCheckedAgo(checkedAt: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - checkedAt) / 1000));
  if (seconds < 10) return "Checked just now";
  if (seconds < 90) return `Checked ${seconds} s ago`;
  return `Checked ${Math.round(seconds / 60)} min ago`;
}

/** "34 of 20,000 credits · 120 calls", or "12 calls" where the provider reports no credits. */
export function describeUsage(usage: { calls: number; credits: number; dailyCreditBudget: number }, locale?: string): string {
  const number = new Intl.NumberFormat(locale);
  const calls = `${number.format(usage.calls)} call${usage.calls === 1 ? "" : "s"}`;
  return usage.credits > 0 ? `${number.format(usage.credits)} of ${number.format(usage.dailyCreditBudget)} credits · ${calls}` : calls;
}
