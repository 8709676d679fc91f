/** How the app explains an error to the rep (errors.ts derives one from an error). */
export type ErrorDescription = {
  /** What is wrong, in a few words. */
  title: string;
  /** Why, in a sentence: our server's own words for provider conditions, else derived from the code. */
  detail: string;
  /** What the rep can do about it, in a short sentence (always derived from the code). */
  action: string;
  /** Whether a Retry button makes sense. */
  canRetry: boolean;
};

/** An error nothing more is known about: a render that failed, a bug. */
export const UNEXPECTED_ERROR: ErrorDescription = { title: "Something went wrong", detail: "An unexpected error occurred.", action: "Try again.", canRetry: true };
