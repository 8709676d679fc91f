import { useRouter } from "next/navigation";
import type { Route } from "next";
import { useCallback } from "react";
import { wasOpenedFromList } from "./nav-memory";

/**
 * Leaves the open thread for its list: back in history when the list opened it in this tab (the
 * list returns exactly as it was), else to the list's URL (a thread opened from a shared link).
 */
export function useLeaveThread(listHref: Route): () => void {
  const router = useRouter();
  return useCallback(() => {
    if (wasOpenedFromList()) router.back();
    else router.push(listHref, { scroll: false });
  }, [router, listHref]);
}
