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
  documentLink = false,
}: {
  title: string;
  detail: string;
  backHref: Route;
  backLabel: string;
  Heading?: "h1" | "h2";
  /**
   * A plain link that loads its page: for the app's own 404 page, a server component whose code
   * every page's first load carries; with next/link it would carry the router's link code twice.
   */
  documentLink?: boolean;
}) {
  const className =
    "inline-flex min-h-11 items-center rounded-lg bg-zinc-900 px-4 text-sm font-medium text-surface hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500";
  return (
    <EmptyState icon={<SearchOffIcon />} title={title} detail={detail} testId="not-found" Heading={Heading}>
      {documentLink ? (
        <a href={backHref} className={className}>
          {backLabel}
        </a>
      ) : (
        <Link href={backHref} scroll={false} className={className}>
          {backLabel}
        </Link>
      )}
    </EmptyState>
  );
}
