/** Keeps the reader's place in an end-anchored message list (client components only). */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { Message } from "@/lib/contracts/api";

/** Within this distance of the bottom, new messages scroll into view by themselves. */
const NEAR_BOTTOM_PX = 120;

type Rendered = { newestId: string; oldestId: string; count: number };

/**
 * A thread opens at its newest message; an older page prepended never moves what the reader is
 * looking at; new messages scroll into view when the reader is at the bottom, and otherwise count
 * as unseen (for a "New messages" pill) and are announced to screen readers — except the rep's own,
 * which they have seen. `messages` is newest first; `listRef` holds one `<li>` per day, each with
 * an `<ol>` of message elements. After `followNextChange()`, the next change scrolls to the bottom
 * wherever the reader was (the rep's own reply).
 */
export function useScrollAnchoring(messages: readonly Message[]) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const rendered = useRef<Rendered | null>(null);
  /** Where the reader was at the last scroll/commit: distance from the bottom, and the newest message's offset. */
  const position = useRef({ fromBottom: 0, nearBottom: true, newestTop: 0 });
  const follow = useRef(false);
  const [unseen, setUnseen] = useState(0);
  const [announcement, setAnnouncement] = useState("");

  const measure = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    const newest = lastMessageElement(listRef.current);
    const newestTop = newest ? offsetWithin(newest, el) - el.scrollTop : 0;
    position.current = { fromBottom, nearBottom: fromBottom <= NEAR_BOTTOM_PX, newestTop };
  }, []);

  const onScroll = useCallback(() => {
    measure();
    if (position.current.nearBottom) setUnseen(0);
  }, [measure]);

  const followNextChange = useCallback(() => {
    follow.current = true;
  }, []);

  const scrollToBottom = useCallback((smooth: boolean) => {
    const el = scrollerRef.current;
    if (!el) return;
    el.scrollTo({ top: el.scrollHeight, behavior: smooth ? "smooth" : "auto" });
    setUnseen(0);
  }, []);

  // After every change of the message list, before paint: keep the reader's place.
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    const newest = messages[0];
    const oldest = messages[messages.length - 1];
    if (!el || !newest || !oldest) return;
    const prev = rendered.current;
    rendered.current = { newestId: newest.id, oldestId: oldest.id, count: messages.length };

    if (prev === null) {
      // Opening the thread: start at the newest message.
      el.scrollTop = el.scrollHeight;
      follow.current = false;
    } else {
      const { fromBottom, nearBottom, newestTop } = position.current;
      const newArrived = newest.id !== prev.newestId;
      const olderLoaded = oldest.id !== prev.oldestId;
      // Something new near the end that does not change the newest id (same millisecond, smaller id).
      const grewAtEnd = newArrived || (!olderLoaded && messages.length > prev.count);
      if (olderLoaded && !newArrived) {
        // Older page prepended: keep the same distance from the bottom, so nothing moves.
        el.scrollTop = el.scrollHeight - el.clientHeight - fromBottom;
      } else if (nearBottom || follow.current) {
        // Reading at the bottom: new messages (or a grown reaction row) scroll into view.
        el.scrollTop = el.scrollHeight;
        follow.current = false;
      } else {
        if (olderLoaded) {
          // Both at once: anchor on the message that was newest before.
          const anchor = listRef.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(prev.newestId)}"]`);
          if (anchor) el.scrollTop = offsetWithin(anchor, el) - newestTop;
        }
        // Appended below the fold: scrollTop is untouched (overflow-anchor: none); show the pill.
        if (grewAtEnd) {
          const index = messages.findIndex((m) => m.id === prev.newestId);
          const newer = messages.slice(0, index > 0 ? index : Math.max(1, messages.length - prev.count));
          const count = newer.filter((m) => m.fromMe !== true).length;
          if (count > 0) {
            setUnseen((n) => n + count);
            setAnnouncement(`${count} new message${count === 1 ? "" : "s"}`);
          }
        }
      }
    }
    measure();
  }, [messages, measure]);

  // Keep the bottom pinned when the viewport resizes (phone keyboard, rotation) while at the bottom.
  useEffect(() => {
    const el = scrollerRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (position.current.nearBottom) el.scrollTop = el.scrollHeight;
      measure();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  return { scrollerRef, listRef, onScroll, scrollToBottom, followNextChange, unseen, announcement };
}

function lastMessageElement(list: HTMLElement | null): HTMLElement | null {
  const lastDay = list?.lastElementChild;
  const inner = lastDay?.querySelector("ol");
  const last = inner?.lastElementChild;
  return last instanceof HTMLElement ? last : null;
}

/** An element's top within the scroller's content (independent of positioned ancestors). */
function offsetWithin(element: HTMLElement, scroller: HTMLElement): number {
  return element.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
}
