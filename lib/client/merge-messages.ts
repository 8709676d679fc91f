/**
 * Pure functions that keep a thread's infinite history correct while `since` deltas are polled in.
 *
 * Invariants after mergeMessagesSince (whatever order the deltas arrive in, however often a
 * message repeats): every id appears once across all pages; a repeated message replaces the
 * older copy where it is; new messages go into the newest page (pages[0]); each page is ordered
 * newest-first by (sentAt desc, id desc), a deterministic total order even when several messages
 * share one millisecond. Nothing is ever dropped. Page cursors are never touched.
 */
import type { Message, MessagesPage } from "@/lib/contracts/api";
import type { MessagePages } from "./message-pages";

/** Newest first; equal timestamps ordered by id (plain code-unit comparison, locale independent). */
export function compareMessagesNewestFirst(a: Message, b: Message): number {
  if (a.sentAt !== b.sentAt) return b.sentAt - a.sentAt;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}

/** Whether two copies of a message would render identically (cheap enough for small deltas). */
export function sameMessage(a: Message, b: Message): boolean {
  return (
    a.id === b.id &&
    a.text === b.text &&
    a.sentAt === b.sentAt &&
    a.fromMe === b.fromMe &&
    a.type === b.type &&
    JSON.stringify(a.sender) === JSON.stringify(b.sender) &&
    JSON.stringify(a.attachments) === JSON.stringify(b.attachments) &&
    JSON.stringify(a.reactions) === JSON.stringify(b.reactions)
  );
}

/**
 * Merge polled messages (a `since` answer) into the loaded history. Returns `data` itself when
 * nothing changes (e.g. the repeated boundary message), so the UI does not re-render for nothing.
 * Returns undefined when there is no history yet: the history's own first load will bring them.
 */
export function mergeMessagesSince<TPageParam>(
  data: MessagePages<TPageParam> | undefined,
  delta: readonly Message[],
): MessagePages<TPageParam> | undefined {
  if (data === undefined) return undefined;
  if (delta.length === 0) return data;

  // The last copy of each id in this delta wins.
  const incoming = new Map<string, Message>();
  for (const message of delta) incoming.set(message.id, message);

  const seen = new Set<string>();
  let changed = false;
  const pages = data.pages.map((page) => {
    let pageChanged = false;
    const kept: Message[] = [];
    for (const message of page.messages) {
      if (seen.has(message.id)) {
        // Already in a newer page (pages can overlap when new messages shift a provider's offsets).
        pageChanged = true;
        continue;
      }
      seen.add(message.id);
      const replacement = incoming.get(message.id);
      if (replacement !== undefined && !sameMessage(message, replacement)) {
        kept.push(replacement);
        pageChanged = true;
      } else {
        kept.push(message);
      }
    }
    if (!pageChanged) return page;
    changed = true;
    return { ...page, messages: kept.sort(compareMessagesNewestFirst) };
  });

  const fresh: Message[] = [];
  for (const message of incoming.values()) if (!seen.has(message.id)) fresh.push(message);

  if (fresh.length > 0) {
    changed = true;
    const newest = pages[0];
    // An infinite query always holds at least one page; without one there is nothing to merge into.
    if (newest === undefined) return data;
    pages[0] = { ...newest, messages: [...fresh, ...newest.messages].sort(compareMessagesNewestFirst) };
  }

  return changed ? { pages, pageParams: data.pageParams } : data;
}

/**
 * Every loaded message once, newest first. Tolerates pages that overlap (as appended by
 * fetchNextPage before any merge ran): the copy in the newer page wins.
 */
export function flattenMessages(data: { pages: readonly MessagesPage[] } | undefined): Message[] {
  if (data === undefined) return [];
  const byId = new Map<string, Message>();
  for (const page of data.pages) {
    for (const message of page.messages) if (!byId.has(message.id)) byId.set(message.id, message);
  }
  return [...byId.values()].sort(compareMessagesNewestFirst);
}
