"use client";

import { useQuery } from "@tanstack/react-query";
import { describeUsage, formatCheckedAgo } from "@/lib/client/format";
import { useNow } from "@/lib/client/hooks";
import { usageQueryOptions } from "@/lib/client/queries";
import { useHydrated } from "@/lib/client/use-hydrated";

/**
 * When the inbox last asked what changed (LinkedIn, or for a pushed account what its webhooks
 * announced), and what the account's provider calls cost today: its own small clock, so the list
 * itself does not re-render.
 */
export function CheckedAgo({ accountId, checkedAt, pushed }: { accountId: string; checkedAt: number; pushed: boolean }) {
  const now = useNow(5_000);
  const usage = useQuery(usageQueryOptions(accountId));
  // "… ago" depends on the moment: written by the browser, not in the server's HTML.
  const hydrated = useHydrated();
  return (
    // One line, cut short if it must: today's usage arrives after the first paint, and wrapping
    // to a second line then pushed the whole list down under the rep's thumb.
    <p data-testid="checked-ago" className="min-h-5 truncate px-4 pt-1 text-xs text-zinc-600">
      {pushed ? <span data-testid="pushed">Live updates · </span> : null}
      {hydrated ? formatCheckedAgo(checkedAt, Math.max(now, checkedAt)) : null}
      {usage.data && usage.data.usage.calls > 0 ? <span data-testid="usage-today"> · today {describeUsage(usage.data.usage)}</span> : null}
    </p>
  );
}
