/**
 * The URL scheme of the app, and the helpers that keep opaque ids exact across a round trip.
 *
 *   /                                          → redirects to the first account's inbox
 *   /a/{accountId}/{category}                  → inbox list (phone) / list + empty pane (desktop)
 *   /a/{accountId}/{category}/c/{conversationId} → a thread
 *   …?q={query}                                 → the inbox searched (kept while threads open and close)
 *
 * Ids are written with encodeURIComponent. Next 16 hands pages, layouts and useParams() the
 * path segment exactly as it appears in the URL (still percent-encoded; verified on 16.4.6 for
 * server params, useParams on first load and after client navigation), while route handlers get
 * it decoded. So every id read from page/layout params or useParams goes through decodeIdParam.
 */
import type { Route } from "next";
import type { Category } from "@/lib/contracts/api";

export const CATEGORY_SLUGS = {
  INBOX: "inbox",
  UNREAD: "unread",
  MY_CONNECTIONS: "my-connections",
  INMAIL: "inmail",
  STARRED: "starred",
} as const satisfies Record<Category, string>;

export type CategorySlug = (typeof CATEGORY_SLUGS)[Category];

const SLUG_TO_CATEGORY = new Map<string, Category>(
  (Object.entries(CATEGORY_SLUGS) as [Category, CategorySlug][]).map(([category, slug]) => [slug, category]),
);

export function categoryToSlug(category: Category): CategorySlug {
  return CATEGORY_SLUGS[category];
}

/** The category for a URL slug, or null for anything unknown (the page answers notFound). */
export function slugToCategory(slug: string): Category | null {
  return SLUG_TO_CATEGORY.get(slug) ?? null;
}

/** An id as one path segment. */
export function encodeIdSegment(id: string): string {
  return encodeURIComponent(id);
}

/**
 * An id back from a dynamic route param (percent-encoded as it was in the URL). Decoding once is
 * exact for anything encodeIdSegment wrote, and also accepts hand-typed URLs with raw `:(),=`.
 * Returns null for malformed escapes or an empty id.
 */
export function decodeIdParam(param: string | string[] | undefined): string | null {
  if (typeof param !== "string" || param === "") return null;
  try {
    const id = decodeURIComponent(param);
    return id === "" ? null : id;
  } catch {
    return null;
  }
}

export function homeHref(): Route {
  return "/" as Route;
}

/** Sign-in, coming back to `next` afterwards. */
export function signInHref(next?: string): Route {
  const safe = next === undefined ? null : safeNextPath(next);
  return (safe && safe !== "/" ? `/sign-in?next=${encodeURIComponent(safe)}` : "/sign-in") as Route;
}

/**
 * Where to go after signing in: only a path on this site ("/a/…"), never another host
 * ("//evil.example", "https://…", "/\\evil"), so a crafted sign-in link cannot send a rep away.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\") || /[\u0000-\u001f]/.test(next)) return null;
  return next.length > 2048 ? null : next;
}

/** `?q=…` when the inbox is searched, so the search goes along with a link. */
function searchSuffix(query: string | undefined): string {
  return query ? `?${new URLSearchParams({ q: query }).toString()}` : "";
}

export function inboxHref(accountId: string, category: Category, query?: string): Route {
  return `/a/${encodeIdSegment(accountId)}/${categoryToSlug(category)}${searchSuffix(query)}` as Route;
}

export function conversationHref(accountId: string, category: Category, conversationId: string, query?: string): Route {
  return `${inboxHref(accountId, category)}/c/${encodeIdSegment(conversationId)}${searchSuffix(query)}` as Route;
}
