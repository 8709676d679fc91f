"use client";

import { formatCheckedAgo } from "@/lib/client/format";
import { useNow } from "@/lib/client/hooks";

/** When the inbox last asked LinkedIn what changed: its own small clock, so the list does not re-render. */
export function CheckedAgo({ checkedAt }: { checkedAt: number }) {
  const now = useNow(5_000);
  return (
    <p data-testid="checked-ago" className="px-4 pt-1 text-xs text-zinc-600">
      {formatCheckedAgo(checkedAt, Math.max(now, checkedAt))}
    </p>
  );
}
