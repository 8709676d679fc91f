/** The brand mark. A server component: a page that shows only this (not found) ships no app-bar code. */
export function Logo({ compactOnPhone = false }: { compactOnPhone?: boolean }) {
  return (
    <span className="inline-flex items-center gap-2 font-semibold tracking-tight text-zinc-900">
      <span className="inline-flex size-7 items-center justify-center rounded-lg bg-accent-600 text-white shadow-sm" aria-hidden="true">
        <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round">
          <path d="M4 8h16M4 12h10M4 16h6" />
        </svg>
      </span>
      <span className={`text-[15px] ${compactOnPhone ? "sr-only sm:not-sr-only" : ""}`}>Threadline</span>
    </span>
  );
}
