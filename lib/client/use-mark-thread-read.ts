/** The open thread marks itself read (client components only; read-state.ts keeps the marks). */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { Conversation } from "@/lib/contracts/api";
import { markRead, markUnread } from "./read-state";

function useIsPageVisible(): boolean {
  const [visible, setVisible] = useState(() => typeof document === "undefined" || document.visibilityState === "visible");
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === "visible");
    document.addEventListener("visibilitychange", update);
    return () => document.removeEventListener("visibilitychange", update);
  }, []);
  return visible;
}

/**
 * Marks the open thread read through `newestSentAt` (its newest loaded message) whenever that moves
 * while the page is visible; once per message, however often this renders. After `markUnread`, only
 * a newer message marks it read again.
 */
export function useMarkThreadRead(accountId: string, conversationId: string, newestSentAt: number | null): { markUnread: (row?: Conversation) => Promise<void> } {
  const client = useQueryClient();
  const visible = useIsPageVisible();
  const markedThrough = useRef<number | null>(null);

  useEffect(() => {
    if (newestSentAt === null || !visible) return;
    if (markedThrough.current !== null && markedThrough.current >= newestSentAt) return;
    const before = markedThrough.current;
    markedThrough.current = newestSentAt;
    markRead(client, accountId, conversationId, newestSentAt).catch(() => {
      // Not kept: the next message (or the next visit) tries again.
      if (markedThrough.current === newestSentAt) markedThrough.current = before;
    });
  }, [client, accountId, conversationId, newestSentAt, visible]);

  return {
    /** @param row the conversation as it was last listed: back in an Unread list that dropped it */
    markUnread: (row?: Conversation) => {
      markedThrough.current = newestSentAt ?? Number.MAX_SAFE_INTEGER;
      return markUnread(client, accountId, conversationId, row);
    },
  };
}
