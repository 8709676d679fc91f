import { NotFoundState } from "@/components/not-found-state";
import { Logo } from "@/components/logo";
import { homeHref } from "@/lib/client/routes";

/**
 * Any URL that is not a page, or an account or category this rep may not see: inside the app's bar.
 * No client code (plain links): every page's first load carries this page's.
 */
export default function NotFound() {
  return (
    <div className="safe-area-x flex h-dvh flex-col bg-surface pt-[env(safe-area-inset-top)]">
      <header className="flex h-14 shrink-0 items-center border-b border-zinc-200/80 px-2">
        <a
          href={homeHref()}
          aria-label="Threadline home"
          className="inline-flex min-h-11 items-center rounded-lg px-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500"
        >
          <Logo />
        </a>
      </header>
      <main className="flex min-h-0 flex-1 flex-col justify-center">
        <NotFoundState
          Heading="h1"
          title="This page doesn't exist"
          detail="The link may be broken, or it leads to an account or view that isn't yours."
          backHref={homeHref()}
          backLabel="Go to your inbox"
          documentLink
        />
      </main>
    </div>
  );
}
