/** The state of a sign-in form: which way it is busy signing in, and what went wrong in words. */
import { useState } from "react";
import { SignInError } from "./auth";
import { formErrorText } from "./form-error";

export type AuthWay = "password" | "sso";

export function useAuthAction(initialError: string | null = null) {
  const [busy, setBusy] = useState<AuthWay | null>(null);
  const [error, setError] = useState<string | null>(initialError);

  /** Runs one way of signing in; a failure is shown and the form is usable again. */
  async function run(way: AuthWay, work: () => Promise<void>): Promise<void> {
    setBusy(way);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(failure instanceof SignInError ? failure.message : formErrorText(failure));
      setBusy(null);
    }
  }

  return { busy, error, setError, run };
}
