import type { ReactNode } from "react";
import { Logo } from "./logo";

/** The frame of sign-in, join and setup: the brand, a title, one card, centred on any screen. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <main data-page-scroll className="flex min-h-dvh flex-col items-center bg-zinc-50 px-4 pt-[max(2.5rem,env(safe-area-inset-top))] pb-[max(2.5rem,env(safe-area-inset-bottom))] sm:justify-center">
      <div className="mb-6">
        <Logo />
      </div>
      <section className="w-full max-w-sm rounded-2xl border border-zinc-200 bg-surface p-5 shadow-sm sm:p-6" aria-labelledby="auth-title">
        <h1 id="auth-title" className="text-lg font-semibold text-zinc-900">
          {title}
        </h1>
        {subtitle ? <p className="mt-1 text-sm text-zinc-600">{subtitle}</p> : null}
        <div className="mt-5">{children}</div>
      </section>
    </main>
  );
}
