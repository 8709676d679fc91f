"use client";

import { useIsOnline } from "@/lib/client/use-online";
import { CloudOffIcon } from "./icons";
import { Banner } from "./states";

/** A quiet note while the browser is offline: what is loaded stays readable, polling waits. */
export function OfflineBanner() {
  const online = useIsOnline();
  if (online) return null;
  return (
    <Banner testId="offline-banner" tone="quiet" icon={<CloudOffIcon width={16} height={16} className="shrink-0" />}>
      <span className="min-w-0 flex-1 py-0.5">You&apos;re offline — showing what&apos;s loaded. What you open loads when you&apos;re back.</span>
    </Banner>
  );
}
