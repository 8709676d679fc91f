"use client";

import { useIsOnline } from "@/lib/client/use-online";
import { CloudOffIcon } from "./icons";

/** A quiet note while the browser is offline: what is loaded stays readable, polling waits. */
export function OfflineBanner() {
  const online = useIsOnline();
  if (online) return null;
  return (
    <div
      role="status"
      data-testid="offline-banner"
      className="flex shrink-0 items-center gap-2 border-b border-zinc-200 bg-zinc-100 px-4 py-1.5 text-[13px] text-zinc-700"
    >
      <CloudOffIcon width={16} height={16} className="shrink-0" />
      <span className="min-w-0 flex-1">You&apos;re offline — showing what&apos;s loaded.</span>
    </div>
  );
}
