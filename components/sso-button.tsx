"use client";

/** The company sign-in button: it opens the identity provider's page (the caller starts the flow). */
export function SsoButton({ label, busy, disabled, onClick, testId }: { label: string; busy: boolean; disabled: boolean; onClick: () => void; testId: string }) {
  return (
    <button
      type="button"
      data-testid={testId}
      disabled={disabled}
      onClick={onClick}
      className="inline-flex min-h-11 w-full items-center justify-center rounded-lg border border-zinc-300 bg-surface px-4 text-sm font-medium text-zinc-900 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500 disabled:opacity-60"
    >
      {busy ? "Opening your company sign-in…" : label}
    </button>
  );
}
