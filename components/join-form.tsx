"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { startSso } from "@/lib/client/auth";
import { sendJson } from "@/lib/client/fetch-json";
import { homeHref } from "@/lib/client/routes";
import { useAuthAction } from "@/lib/client/use-auth-action";
import { FormError, FormField, SubmitButton } from "./form-field";
import { SsoButton } from "./sso-button";

/** Setting up with a password needs the server's THREADLINE_SETUP_CODE; without it, only SSO. */
type Door = { kind: "join"; token: string; email: string } | { kind: "setup"; withPassword: boolean };

/**
 * Becoming a member: by an invitation link (the email is the invitation's) or, for an admin named
 * by THREADLINE_ADMIN_EMAILS, by setting up. A name and a password, or the company's sign-in.
 */
export function JoinForm({ door, sso }: { door: Door; sso: string | null }) {
  const router = useRouter();
  const withPassword = door.kind === "join" || door.withPassword;
  const { busy, error, setError, run } = useAuthAction();

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
      if (door.kind === "join") await sendJson("POST", "/api/join", "signedUp", { token: door.token, name, password });
      else await sendJson("POST", "/api/setup", "signedUp", { email: String(form.get("email") ?? ""), name, password, setupCode: String(form.get("setupCode") ?? "") });
      router.replace(homeHref());
    });
  }

  return (
    <div className="space-y-5">
      {!withPassword ? (
        <>
          <p className="text-sm leading-relaxed text-zinc-600">
            Choosing a password here needs <code>THREADLINE_SETUP_CODE</code> set on the server{sso ? ": until then, continue with your company's sign-in." : "."}
          </p>
          <FormError message={error} />
        </>
      ) : (
        <form method="post" onSubmit={onSubmit} className="space-y-4">
          {door.kind === "join" ? (
            <FormField label="Email" name="email" type="email" value={door.email} readOnly disabled />
          ) : (
            <FormField label="Email" name="email" type="email" autoComplete="email" required autoFocus hint="One of the admin emails set in THREADLINE_ADMIN_EMAILS." />
          )}
          <FormField label="Your name" name="name" autoComplete="name" required maxLength={100} autoFocus={door.kind === "join"} />
          <FormField label="Password" name="password" type="password" autoComplete="new-password" required minLength={10} maxLength={128} hint="At least 10 characters." />
          <FormField label="Password again" name="confirm" type="password" autoComplete="new-password" required minLength={10} maxLength={128} />
          {door.kind === "setup" ? (
            <FormField label="Setup code" name="setupCode" type="password" autoComplete="off" required maxLength={200} hint="THREADLINE_SETUP_CODE, from whoever deployed Threadline." />
          ) : null}
          <FormError message={error} />
          <SubmitButton busy={busy === "password"} busyLabel="Creating your account…">
            {door.kind === "join" ? "Join the team" : "Create the admin account"}
          </SubmitButton>
        </form>
      )}
      {sso ? (
        <SsoButton
          testId="sso-join"
          label={`Continue with ${sso}${door.kind === "join" ? ` as ${door.email}` : ""}`}
          busy={busy === "sso"}
          disabled={busy !== null}
          onClick={() => void run("sso", async () => window.location.assign(await startSso("/", door.kind === "join" ? `/join/${door.token}` : "/setup")))}
        />
      ) : null}
    </div>
  );
}

