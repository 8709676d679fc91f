import Link from "next/link";
import type { Route } from "next";
import { SearchOffIcon } from "./icons";
import { EmptyState } from "./states";

/**
 * The one "not found" design (a page, an account, a conversation): calm, not an error, always
 * with the way back.
 */
export function NotFoundState({
  title,
  detail,
  backHref,
  backLabel,
  Heading,
}: {
  title: string;
  detail: string;
  backHref: Route;
  backLabel: string;
  Heading?: "h1" | "h2";
}) {
  return (
    <EmptyState icon={<SearchOffIcon />} title={title} detail={detail} testId="not-found" Heading={Heading}>
      <Link
        href={backHref}
        scroll={false}
        className="inline-flex min-h-11 items-center rounded-lg bg-zinc-900 px-4 text-sm font-medium text-surface hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500"
      >
        {backLabel}
      </Link>
    </EmptyState>
  );
}
