/** Every error code our API answers with, and its HTTP status; no schema, so pages import it without zod. */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  /** Linked API: the conversation must be synchronized before it can be read. */
  not_synchronized: 409,
  rate_limited: 429,
  /** Our own daily provider-credit budget for the account is spent (not the provider's plan). */
  budget_exhausted: 429,
  internal_error: 500,
  upstream_error: 502,
  upstream_auth: 502,
  upstream_invalid: 502,
  credits_exhausted: 502,
  upstream_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
