/** Keeps the reader's place in an end-anchored, virtualized message list (client components only). */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import type { Message } from "@/lib/contracts/api";
import { boundEndDistance } from "./end-distance-bound";
import { OUTBOX_ID_PREFIX } from "./merge-outbox";
import type { VirtualLibrary } from "./use-lazy-virtualizer";

/** Within this distance of the bottom, new messages scroll into view by themselves. */
const NEAR_BOTTOM_PX = 120;
/** Rows rendered beyond each edge of the viewport, so a fling does not outrun them. */
const OVERSCAN_ROWS = 8;
/** How far below a newly measured row to look for the row being read (more than a page of rows). */
const READING_ROW_SCAN = 200;

/** What the list showed; `thread…`: of the thread's own messages alone (replies shown from the outbox sit first, whatever arrives). */
type Rendered = { newestId: string; oldestId: string; count: number; threadNewestId: string | null; threadCount: number };

const isFromOutbox = (message: Message) => message.id.startsWith(OUTBOX_ID_PREFIX);

type ListShape = {
  /** Rows in the list (days and messages), oldest first. */
  count: number;
  getItemKey: (index: number) => string;
  estimateSize: (index: number) => number;
  /** Space above the first row (the older-messages control) and below the last. */
  paddingStart: number;
  paddingEnd: number;
};

/**
 * Only the rows near the viewport are in the DOM (TanStack Virtual, anchored to the end): a thread
 * opens at its newest message; an older page prepended never moves what the reader is looking at
 * (the virtualizer finds the row at the top of the viewport again by its key, so no row may change
 * its key or its place among the others when a page lands: see thread-rows.ts); new messages
 * scroll into view when the reader is at the bottom, and otherwise count as unseen (for a "New
 * messages" pill) and are announced to screen readers — except the rep's own, which they have
 * seen. `messages` is newest first. After `followNextChange()`, the next change scrolls to the
 * bottom wherever the reader was (the rep's own reply). `virtual` is TanStack Virtual, loaded
 * (use-lazy-virtualizer.ts): a list mounts once it is there, so its hooks never change.
 */
export function useScrollAnchoring(messages: readonly Message[], list: ListShape, virtual: VirtualLibrary) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const { getItemKey } = list;
  // No React Compiler here (next.config has none): the virtualizer re-renders this component itself.
  const virtualizer = virtual.useVirtualizer({
    ...list,
    getScrollElement: () => scrollerRef.current,
    anchorTo: "end",
    followOnAppend: true,
    scrollEndThreshold: NEAR_BOTTOM_PX,
    overscan: OVERSCAN_ROWS,
  });
  const rendered = useRef<Rendered | null>(null);
  /** The key of the row at the top of the viewport, at the last scroll or commit. */
  const readingKey = useRef<string | null>(null);
  /** The first row's key at the last commit: another one at measuring time means a page is landing. */
  const committedFirstKey = useRef<string | null>(null);
  /** True for the frames after a page landed, while its rows are measured (the token: which page). */
  const landing = useRef(false);
  const landingToken = useRef(0);
  /** Distance from the bottom at the last scroll (before a change lands). */
  const fromBottom = useRef(0);
  const nearBottom = useCallback(() => fromBottom.current <= NEAR_BOTTOM_PX, []);
  const follow = useRef(false);
  const [unseen, setUnseen] = useState(0);
  const [announcement, setAnnouncement] = useState({ text: "", id: 0 });

  const noteReading = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    committedFirstKey.current = list.count > 0 ? getItemKey(0) : null;
    // While a page lands, the row at the top of the viewport may be one of its rows, not yet
    // measured: the row being read is still the one from before.
    if (landing.current) return;
    const top = el.getBoundingClientRect().top;
    const rows = el.querySelectorAll<HTMLElement>("li[data-index]");
    const first = [...rows].find((row) => row.getBoundingClientRect().bottom > top);
    readingKey.current = first ? getItemKey(Number(first.dataset.index)) : null;
  }, [getItemKey, list.count]);

  // The virtualizer keeps what is on screen in place when a row above the viewport is measured for
  // the first time. At the top of the list the row being read sits under the older-messages
  // control, below the viewport's top: rows of a page landing between the two count as above it.
  // (The virtualizer's documented hook for this is a property of the instance, set here.)
  /* eslint-disable react-hooks/immutability */
  useLayoutEffect(() => {
    boundEndDistance(virtualizer);
    virtualizer.shouldAdjustScrollPositionOnItemSizeChange = (item, _delta, instance) => {
      const offset = instance.scrollOffset ?? 0;
      // A row that changed size (a rotation, an image) and starts above the viewport: keep what is
      // below it still, even when it spans the top edge (rows here never grow while being read).
      // The row being read, changed at its top as a page lands above it (its sender's name goes when
      // the message before it, now loaded, is from the same sender): keep its text still too.
      if (instance.itemSizeCache.has(item.key)) return (item.start < offset && instance.scrollDirection !== "backward") || (landing.current && item.key === readingKey.current);
      if (item.start < offset) return true;
      const key = readingKey.current;
      if (!landing.current && instance.options.getItemKey(0) === committedFirstKey.current) return false;
      const end = Math.min(instance.options.count, item.index + READING_ROW_SCAN);
      for (let i = item.index + 1; key !== null && i < end; i++) if (instance.options.getItemKey(i) === key) return true;
      return false;
    };
  }, [virtualizer]);
  /* eslint-enable react-hooks/immutability */

  // Read from the element: React's handler can run before the virtualizer has seen this scroll.
  const onScroll = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    fromBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight;
    if (nearBottom()) setUnseen(0);
    noteReading();
  }, [noteReading, nearBottom]);

  const followNextChange = useCallback(() => {
    follow.current = true;
  }, []);

  const scrollToBottom = useCallback(
    (smooth: boolean) => {
      // A behaviour passed to scrollTo is not overridden by the reduced-motion stylesheet.
      virtualizer.scrollToEnd({ behavior: smooth && !matchMedia("(prefers-reduced-motion: reduce)").matches ? "smooth" : "auto" });
      setUnseen(0);
    },
    [virtualizer],
  );

  // After every change of the message list, before paint, and after the virtualizer's own
  // prepend anchoring and append following (its layout effect runs first).
  useLayoutEffect(() => {
    const newest = messages[0];
    const oldest = messages[messages.length - 1];
    if (!newest || !oldest) return;
    const prev = rendered.current;
    const thread = messages.filter((message) => !isFromOutbox(message));
    const threadNewestId = thread[0]?.id ?? null;
    rendered.current = { newestId: newest.id, oldestId: oldest.id, count: messages.length, threadNewestId, threadCount: thread.length };

    if (prev === null) {
      // Opening the thread: start at the newest message.
      virtualizer.scrollToEnd();
      follow.current = false;
      return;
    }
    const newArrived = newest.id !== prev.newestId || threadNewestId !== prev.threadNewestId;
    const olderLoaded = oldest.id !== prev.oldestId;
    // Something new near the end that does not change the newest id (same millisecond, smaller id).
    const grewAtEnd = newArrived || (!olderLoaded && messages.length > prev.count);
    const followed = follow.current && grewAtEnd;
    if (followed) {
      virtualizer.scrollToEnd();
      follow.current = false;
    } else if (olderLoaded && fromBottom.current <= 1) {
      // A page loaded by itself under a short thread: the reader stays at the newest message.
      virtualizer.scrollToEnd();
    } else if (olderLoaded) {
      landing.current = true;
      const token = ++landingToken.current;
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (landingToken.current === token) landing.current = false;
        }),
      );
    }
    if (grewAtEnd) {
      // Among the thread's own messages: a reply waiting in the outbox stays first, above what arrives.
      const index = thread.findIndex((m) => m.id === prev.threadNewestId);
      const grown = thread.length - prev.threadCount;
      // (Only a reply of the rep's joined the outbox: nothing of theirs arrived.)
      const newer = index > 0 ? thread.slice(0, index) : thread.slice(0, Math.max(0, grown));
      const theirs = newer.filter((m) => m.fromMe !== true);
      const [one] = theirs;
      if (one) {
        // Appended below the fold: the view stays; show the pill.
        if (!followed && !nearBottom()) setUnseen((n) => n + theirs.length);
        // Said wherever the reader is (at the end, the eye sees it arrive; a screen reader hears it),
        // each time, even in the same words as the last.
        setAnnouncement((last) => ({ text: theirs.length === 1 ? `New message from ${one.sender.name}` : `${theirs.length} new messages`, id: last.id + 1 }));
      }
    }
  }, [messages, virtualizer, nearBottom]);

  // What the reader sees after every commit, for the next change to keep (runs after the one above).
  useLayoutEffect(noteReading);

  // Keep the bottom pinned when the viewport resizes (phone keyboard, rotation) while at the bottom.
  useEffect(() => {
    const el = scrollerRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (nearBottom()) virtualizer.scrollToEnd();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [virtualizer, nearBottom]);

  return { scrollerRef, virtualizer, onScroll, scrollToBottom, followNextChange, unseen, announcement };
}
