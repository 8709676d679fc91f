import { useRouter } from "next/navigation";
import type { Route } from "next";
import { useCallback } from "react";
import { wasOpenedFromList } from "./nav-memory";
import { useIsDesktop } from "./use-media-query";

/**
 * Leaves the open thread for its list. On a phone, back in history when the list opened it in this
 * tab (the list returns exactly as it was), else to the list's URL (a thread opened from a shared
 * link). On a desktop the list is beside the thread, and the rep may have opened several threads
 * from it: back would land on the previous thread, so it is the list's URL, in place of the
 * thread's: Back afterwards must not reopen the thread just left (and mark read again one the rep
 * had just marked unread).
 */
export function useLeaveThread(listHref: Route): () => void {
  const router = useRouter();
  const isDesktop = useIsDesktop();
  return useCallback(() => {
    if (!isDesktop && wasOpenedFromList()) router.back();
    else if (isDesktop) router.replace(listHref, { scroll: false });
    else router.push(listHref, { scroll: false });
  }, [router, listHref, isDesktop]);
}
