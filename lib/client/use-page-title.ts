import { useEffect } from "react";

/** The unread count a page title may start with: `(3) `. */
const TITLE_COUNT_PREFIX = /^\(\d+\+?\) /;

const countPrefixOf = (title: string) => TITLE_COUNT_PREFIX.exec(title)?.[0] ?? "";
const withoutCount = (title: string) => title.replace(TITLE_COUNT_PREFIX, "");

/**
 * Keeps the tab's title as `rewrite` makes it of whatever title is set, until the returned function
 * is called. Next sets each page's metadata title, after navigations too: this puts the rewrite
 * back each time. Rewrites are idempotent, so several kept at once settle on one title.
 */
function keepTitle(rewrite: (title: string) => string): () => void {
  const apply = () => {
    const wanted = rewrite(document.title);
    if (document.title !== wanted) document.title = wanted;
  };
  apply();
  const observer = new MutationObserver(apply);
  observer.observe(document.head, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}

/** A title of its own (after any unread count), for a page whose title is only known in the browser (a thread's person). */
export function usePageTitle(title: string | null): void {
  useEffect(() => (title === null ? undefined : keepTitle((current) => countPrefixOf(current) + title)), [title]);
}

/** `(3) Inbox · Threadline`: a count in front of every page's title while mounted (none for 0). */
export function useTitleCount(count: number): void {
  useEffect(() => {
    const prefix = count > 0 ? `(${count > 99 ? "99+" : count}) ` : "";
    const release = keepTitle((current) => prefix + withoutCount(current));
    return () => {
      release();
      document.title = withoutCount(document.title);
    };
  }, [count]);
}
