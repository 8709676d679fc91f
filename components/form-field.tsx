"use client";

import { useId, type InputHTMLAttributes } from "react";
import { useHydrated } from "@/lib/client/use-hydrated";

/** A labelled input: 16px text (no zoom on iOS), 44px tall, the label above it, a hint below it. */
export function FormField({ label, hint, ...input }: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const hintId = useId();
  return (
    <div>
      <label className="block">
        <span className="text-sm font-medium text-zinc-800">{label}</span>
        <input
          {...input}
          aria-describedby={hint ? hintId : undefined}
          className="mt-1 block h-11 w-full rounded-lg border border-zinc-300 bg-surface px-3 text-base text-zinc-900 placeholder:text-zinc-500 focus-visible:border-accent-500 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent-500 disabled:bg-zinc-50"
        />
      </label>
      {/* Outside the label: the field's name stays its label, the hint is its description. */}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-zinc-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The form's main button: full width, 44px. Disabled until the page's script runs: a form sent by
 * the browser itself would put what was typed (a password) into a URL.
 */
export function SubmitButton({ busy, children, busyLabel }: { busy: boolean; children: string; busyLabel: string }) {
  const hydrated = useHydrated();
  return (
    <button
      type="submit"
      disabled={busy || !hydrated}
      className="inline-flex min-h-11 w-full items-center justify-center rounded-lg bg-zinc-900 px-4 text-sm font-medium text-surface shadow-sm hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500 disabled:opacity-60"
    >
      {busy ? busyLabel : children}
    </button>
  );
}

/** A form's error line, announced to screen readers. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" data-testid="form-error" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}
