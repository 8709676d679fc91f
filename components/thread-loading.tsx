"use client";

import { useParams } from "next/navigation";
import { decodeIdParam, inboxHref, slugToCategory } from "@/lib/client/routes";
import { useSearchQuery } from "@/lib/client/search-query";
import { ThreadSkeleton } from "./thread-skeleton";
import { ThreadHeader } from "./thread-header";

export function ThreadLoading() {
  const params = useParams<{ accountId?: string; category?: string }>();
  const accountId = decodeIdParam(params.accountId) ?? "";
  const category = slugToCategory(params.category ?? "") ?? "INBOX";
  const { query } = useSearchQuery();
  return (
    <section aria-label="Loading conversation" aria-busy="true" className="relative flex min-h-0 flex-1 flex-col">
      <ThreadHeader participant={null} type={undefined} listHref={inboxHref(accountId, category, query)} loading showDemoBadge={false} />
      <div className="flex min-h-0 flex-1 flex-col justify-end overflow-hidden">
        <div className="mx-auto w-full max-w-3xl">
          <ThreadSkeleton />
        </div>
      </div>
    </section>
  );
}
