"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { signedUpSchema } from "@/lib/contracts/team";
import { SignInError, startSso } from "@/lib/client/auth";
import { describeError } from "@/lib/client/errors";
import { sendJson } from "@/lib/client/fetch-json";
import { homeHref } from "@/lib/client/routes";
import { FormError, FormField, SubmitButton } from "./form-field";

type Door = { kind: "join"; token: string; email: string } | { kind: "setup" };

/**
 * Becoming a member: by an invitation link (the email is the invitation's) or, for an admin named
 * by THREADLINE_ADMIN_EMAILS, by setting up. A name and a password, or the company's sign-in.
 */
export function JoinForm({ door, sso }: { door: Door; sso: string | null }) {
  const router = useRouter();
  const [busy, setBusy] = useState<"password" | "sso" | null>(null);
  const [error, setError] = useState<string | null>(null);

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
    const name = String(form.get("name") ?? "");
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setError("The two passwords differ.");
      return;
    }
    void run("password", async () => {
      if (door.kind === "join") await sendJson("POST", "/api/join", signedUpSchema, { token: door.token, name, password });
      else await sendJson("POST", "/api/setup", signedUpSchema, { email: String(form.get("email") ?? ""), name, password });
      router.replace(homeHref());
    });
  }

  return (
    <div className="space-y-5">
      <form method="post" onSubmit={onSubmit} className="space-y-4">
        {door.kind === "join" ? (
          <FormField label="Email" name="email" type="email" value={door.email} readOnly disabled />
        ) : (
          <FormField label="Email" name="email" type="email" autoComplete="email" required autoFocus hint="One of the admin emails set in THREADLINE_ADMIN_EMAILS." />
        )}
        <FormField label="Your name" name="name" autoComplete="name" required maxLength={100} autoFocus={door.kind === "join"} />
        <FormField label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} maxLength={128} hint="At least 10 characters." />
        <FormField label="Password again" name="confirm" type="password" autoComplete="new-password" required minLength={10} maxLength={128} />
        <FormError message={error} />
        <SubmitButton busy={busy === "password"} busyLabel="Creating your account…">
          {door.kind === "join" ? "Join the team" : "Create the admin account"}
        </SubmitButton>
      </form>
      {sso ? (
        <button
          type="button"
          data-testid="sso-join"
          disabled={busy !== null}
          onClick={() => void run("sso", async () => window.location.assign(await startSso("/", door.kind === "join" ? `/join/${door.token}` : "/setup")))}
          className="inline-flex min-h-11 w-full items-center justify-center rounded-lg border border-zinc-300 bg-white px-4 text-sm font-medium text-zinc-900 hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500 disabled:opacity-60"
        >
          {busy === "sso" ? "Opening your company sign-in…" : `Continue with ${sso}${door.kind === "join" ? ` as ${door.email}` : ""}`}
        </button>
      ) : null}
    </div>
  );
}

