"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { SignInError, signInWithPassword, ssoErrorMessage, startSso } from "@/lib/client/auth";
import { describeError } from "@/lib/client/errors";
import { signInHref } from "@/lib/client/routes";
import { FormError, FormField, SubmitButton } from "./form-field";

/** Email and password, and the company's sign-in where the team configured one. */
export function SignInForm({ next, sso, ssoError, setupOpen }: { next: string; sso: string | null; ssoError: string | null; setupOpen: boolean }) {
  const [busy, setBusy] = useState<"password" | "sso" | null>(null);
  const [error, setError] = useState<string | null>(ssoErrorMessage(ssoError));

  async function run(kind: "password" | "sso", work: () => Promise<void>) {
    setBusy(kind);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure instanceof SignInError ? failure.message : describeError(failure).detail);
      setBusy(null);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run("password", async () => {
      await signInWithPassword(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
      // A full load: the server renders the page for the new session.
      window.location.assign(next);
    });
  }

  return (
    <div className="space-y-5">
      <form method="post" onSubmit={onSubmit} className="space-y-4">
        <FormField label="Email" name="email" type="email" autoComplete="email" required autoFocus />
        <FormField label="Password" name="password" type="password" autoComplete="current-password" required />
        <FormError message={error} />
        <SubmitButton busy={busy === "password"} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      {sso ? (
        <>
          <div className="flex items-center gap-3 text-xs text-zinc-500" aria-hidden="true">
            <span className="h-px flex-1 bg-zinc-200" />
            or
            <span className="h-px flex-1 bg-zinc-200" />
          </div>
          <button
            type="button"
            data-testid="sso-sign-in"
            disabled={busy !== null}
            onClick={() => void run("sso", async () => window.location.assign(await startSso(next, signInHref(next))))}
            className="inline-flex min-h-11 w-full items-center justify-center rounded-lg border border-zinc-300 bg-white px-4 text-sm font-medium text-zinc-900 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500 disabled:opacity-60"
          >
            {busy === "sso" ? "Opening your company sign-in…" : `Sign in with ${sso}`}
          </button>
        </>
      ) : null}
      {setupOpen ? (
        <p className="text-center text-sm text-zinc-600">
          Setting Threadline up?{" "}
          <Link href="/setup" className="inline-flex min-h-11 items-center font-medium text-accent-700 hover:underline">
            Create the admin account
          </Link>
        </p>
      ) : null}
    </div>
  );
}
