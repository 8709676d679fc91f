/**
 * The browser's side of signing in and out: Better Auth's endpoints (/api/auth/*), their refusals
 * turned here into what the sign-in page can say.
 */
import { z } from "zod/mini";
import { parseRetryAfter } from "@/lib/contracts/retry-after";
import { NetworkError } from "./errors";

/** The id of the company identity provider on the server (lib/server/auth/auth.ts). */
export const SSO_PROVIDER_ID = "company";

export class SignInError extends Error {
  override readonly name = "SignInError";
  constructor(
    readonly kind: "wrong-credentials" | "rate-limited" | "refused",
    message: string,
  ) {
    super(message);
  }
}

const ssoStartSchema = z.object({ url: z.url() });

async function post(path: string, body: unknown): Promise<Response> {
  try {
    return await fetch(`/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (error) {
    throw new NetworkError("Network request failed", { cause: error });
  }
}

function failureOf(response: Response): SignInError {
  if (response.status === 429) {
    const seconds = parseRetryAfter(response.headers.get("retry-after"), Date.now());
    const wait = seconds === undefined ? "a little while" : seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
    return new SignInError("rate-limited", `Too many attempts. Try again in ${wait}.`);
  }
  if (response.status === 401) {
    return new SignInError("wrong-credentials", "That email and password don't match. Check them and try again.");
  }
  return new SignInError("refused", "Sign-in didn't work. Reload the page and try again.");
}

export async function signInWithPassword(email: string, password: string): Promise<void> {
  const response = await post("/sign-in/email", { email, password });
  if (!response.ok) throw failureOf(response);
}

/** Starts the company sign-in; returns the identity provider's address to go to. */
export async function startSso(callbackPath: string, errorPath: string): Promise<string> {
  const response = await post("/sign-in/social", { provider: SSO_PROVIDER_ID, callbackURL: callbackPath, errorCallbackURL: errorPath });
  if (!response.ok) throw failureOf(response);
  const parsed = ssoStartSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new SignInError("refused", "The company sign-in is not available right now.");
  return parsed.data.url;
}

/** Ends the session on the server (its row is deleted), not just in this browser. */
export async function signOut(): Promise<void> {
  const response = await post("/sign-out", {});
  if (!response.ok && response.status !== 401) throw failureOf(response);
}

/** What an error code from the company sign-in's return trip means for the rep. */
export function ssoErrorMessage(code: string | null): string | null {
  if (!code) return null;
  switch (code) {
    case "signup_disabled":
    case "unable_to_create_user":
      return "Your company account isn't on this team yet. Ask your admin for an invitation.";
    case "account_not_linked":
      return "This email already signs in with a password here. Sign in with it instead.";
    case "access_denied":
      return "The company sign-in was cancelled.";
    default:
      return "The company sign-in didn't work. Try again, or sign in with your password.";
  }
}
