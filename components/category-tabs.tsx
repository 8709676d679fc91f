"use client";

import Link from "next/link";
import { useLayoutEffect, useRef } from "react";
import { CATEGORIES, CATEGORY_LABELS, type Category } from "@/lib/contracts/categories";
import { inboxHref } from "@/lib/client/routes";
import { useScrollEdges } from "@/lib/client/use-scroll-edges";

/** A chip was followed: the list it opens is a new page, and focus, lost with the old one, goes to its chip. */
let chipFollowed = false;

/**
 * Category chips. Links (push): back walks through the categories you visited, and every
 * category has its own shareable URL. On phones the row scrolls sideways inside itself.
 */
export function CategoryTabs({
  accountId,
  active,
  available,
  query,
}: {
  accountId: string;
  active: Category;
  available: readonly Category[];
  /** A search in progress goes along to the other categories. */
  query: string;
}) {
  const rowRef = useRef<HTMLUListElement>(null);
  const shown = CATEGORIES.filter((c) => available.includes(c) || c === active);
  const shownKey = shown.join();

  // Keep the active chip in view (deep links to "Starred" on a narrow phone). Only the chip row
  // scrolls: scrollIntoView would also nudge every scrollable ancestor.
  useLayoutEffect(() => {
    const reveal = () => {
      const row = rowRef.current;
      const chip = row?.querySelector<HTMLElement>('[aria-current="page"]');
      if (!row || !chip) return;
      const left = chip.offsetLeft; // the row is the chip's offsetParent (position: relative)
      const right = left + chip.offsetWidth;
      if (left < row.scrollLeft) row.scrollLeft = Math.max(0, left - 12);
      else if (right > row.scrollLeft + row.clientWidth) row.scrollLeft = right - row.clientWidth + 12;
    };
    reveal();
    if (chipFollowed && document.activeElement === document.body) rowRef.current?.querySelector<HTMLElement>('[aria-current="page"]')?.focus({ preventScroll: true });
    chipFollowed = false;
    // Again once styles and fonts have settled.
    const frame = requestAnimationFrame(reveal);
    return () => cancelAnimationFrame(frame);
  }, [active, shownKey]);

  // A fade on an edge with more chips beyond it: a cut-off chip alone does not say "scroll me".
  const edges = useScrollEdges(rowRef);

  return (
    <nav aria-label="Categories" className="relative shrink-0 border-b border-zinc-200/80 bg-surface">
      {edges.before ? <span aria-hidden="true" className="pointer-events-none absolute inset-y-0 left-0 z-10 w-8 bg-linear-to-r from-surface" /> : null}
      {edges.after ? (
        <span aria-hidden="true" data-testid="categories-more" className="pointer-events-none absolute inset-y-0 right-0 z-10 w-12 bg-linear-to-l from-surface from-30%" />
      ) : null}
      <ul
        ref={rowRef}
        className="relative flex gap-0.5 overflow-x-auto overscroll-x-contain px-2.5 py-0.5 [scrollbar-width:none] [&::-webkit-scrollbar]:hidden"
      >
        {shown.map((category) => {
          const isActive = category === active;
          return (
            <li key={category} className="shrink-0">
              <Link
                href={inboxHref(accountId, category, query)}
                scroll={false}
                prefetch={false}
                onClick={() => (chipFollowed = true)}
                data-testid="category-tab"
                data-category={category}
                aria-current={isActive ? "page" : undefined}
                className="group inline-flex h-11 items-center rounded-full outline-none"
              >
                <span
                  className={`inline-flex h-8 items-center rounded-full px-3.5 text-sm lg:px-3 font-medium whitespace-nowrap transition-colors group-focus-visible:outline-2 group-focus-visible:outline-offset-1 group-focus-visible:outline-accent-500 ${
                    isActive
                      ? "bg-zinc-900 text-surface"
                      : "text-zinc-600 group-hover:bg-zinc-100 group-hover:text-zinc-900 group-active:bg-zinc-200"
                  }`}
                >
                  {CATEGORY_LABELS[category]}
                </span>
              </Link>
            </li>
          );
        })}
        {available.length < CATEGORIES.length ? (
          // The rest of the row, in two lines if it must: cut off at a chip's edge, it read "…offered fo".
          <li className="flex min-w-32 flex-1 items-center px-2" data-testid="categories-note">
            <span className="text-xs leading-tight text-zinc-500">Other filters aren&apos;t offered for this account</span>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
