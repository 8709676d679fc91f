"use client";

import Link from "next/link";
import type { FormEvent } from "react";
import { signInWithPassword, ssoErrorMessage, startSso } from "@/lib/client/auth";
import { signInHref } from "@/lib/client/routes";
import { useAuthAction } from "@/lib/client/use-auth-action";
import { FormError, FormField, SubmitButton } from "./form-field";
import { SsoButton } from "./sso-button";

/** Email and password, and the company's sign-in where the team configured one. */
export function SignInForm({ next, sso, ssoError, setupOpen }: { next: string; sso: string | null; ssoError: string | null; setupOpen: boolean }) {
  const { busy, error, run } = useAuthAction(ssoErrorMessage(ssoError));

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
          <SsoButton
            testId="sso-sign-in"
            label={`Sign in with ${sso}`}
            busy={busy === "sso"}
            disabled={busy !== null}
            onClick={() => void run("sso", async () => window.location.assign(await startSso(next, signInHref(next))))}
          />
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
