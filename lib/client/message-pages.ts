/**
 * A thread's loaded history, as TanStack Query holds it, and its newest time: all the inbox's code
 * needs of a thread (asking open threads about news, queries.ts), without the merge (merge-messages.ts).
 */
import type { InfiniteData } from "@tanstack/react-query";
import type { MessagesPage } from "@/lib/contracts/api";

export type MessagePages<TPageParam = unknown> = InfiniteData<MessagesPage, TPageParam>;

/** The newest sentAt in the loaded history, or null when it holds no message. */
export function newestSentAt(data: { pages: readonly MessagesPage[] } | undefined): number | null {
  if (data === undefined) return null;
  let newest: number | null = null;
  for (const page of data.pages) {
    for (const message of page.messages) if (newest === null || message.sentAt > newest) newest = message.sentAt;
  }
  return newest;
}
