import { useEffect } from "react";

/** The unread count a page title may start with: `(3) `. */
export const TITLE_COUNT_PREFIX = /^\(\d+\+?\) /;

/**
 * Keeps a title of its own (with any unread count in front) while mounted, for a page whose title
 * is only known in the browser (a thread's person). Next sets each page's metadata title, after
 * navigations too: this puts its own back.
 */
export function usePageTitle(title: string | null): void {
  useEffect(() => {
    if (title === null) return;
    const apply = () => {
      const wanted = (TITLE_COUNT_PREFIX.exec(document.title)?.[0] ?? "") + title;
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [title]);
}
