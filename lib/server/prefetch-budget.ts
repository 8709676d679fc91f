import "server-only";
import { headers } from "next/headers";
import { after } from "next/server";
import { logEvent } from "@/lib/server/log";

/**
 * A move inside the app (a tap on a row or a category tab: Next fetches the page's RSC payload): the
 * browser has what the page would read, or asks for it itself as the new screen shows, so the page
 * reads nothing from a provider. Waiting for one would hold the tap; and a fresh first page,
 * hydrated over the browser's cache, would replace the pages it had loaded. Next hides its own
 * `RSC` header from `headers()`, so the browser's fetch metadata tells: loading a page is a
 * navigation, Next's fetch is not. Where a browser sends none (plain http to another machine,
 * Safari before 16.4), a page load is the request that accepts HTML.
 */
export async function isInAppNavigation(): Promise<boolean> {
  const request = await headers();
  const mode = request.get("sec-fetch-mode");
  return mode !== null ? mode !== "navigate" : !(request.get("accept") ?? "").includes("text/html");
}

/**
 * How long a page waits for a provider read before it is sent without it: a slow provider must not
 * hold the whole page back. The read is not cancelled: where it goes through the shared cache, the
 * browser's own request finds its answer there (one provider call, not two). So it is handed to
 * `after`: a serverless platform keeps the function running until it ends, instead of freezing it
 * with the cache's claim held (the browser's request, on another instance, would wait for that
 * claim until its own time ran out).
 */
export const PREFETCH_BUDGET_MS = 1_500;

/**
 * How long a read the page leaves running may go on: as long as an API route's (its 30 s less the
 * time kept to answer), so it ends inside the shared cache's 30 s claim and no other instance takes
 * the claim over and asks the provider again while this one still waits on it.
 */
const PREFETCH_READ_MS = 27_000;

const TIMED_OUT = Symbol("timed out");

/** The read's answer if it comes within the budget; otherwise (late, or failed) undefined, and the browser asks itself. */
export async function withinPrefetchBudget<T>(start: (signal: AbortSignal) => Promise<T>, accountId: string): Promise<T | undefined> {
  const cutoff = new AbortController();
  const cutoffTimer = setTimeout(() => cutoff.abort(new DOMException("The page's read ran out of time.", "TimeoutError")), PREFETCH_READ_MS);
  const read = start(cutoff.signal);
  const settled = () => clearTimeout(cutoffTimer);
  read.then(settled, settled);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), PREFETCH_BUDGET_MS);
  });
  try {
    const answer = await Promise.race([read, late]);
    if (answer !== TIMED_OUT) return answer;
    logEvent("prefetch", { accountId, outcome: "over_budget" });
    after(read.catch(() => undefined));
  } catch (error) {
    // The browser asks again and, if it fails there too, explains why.
    logEvent("prefetch", { accountId, outcome: error instanceof Error ? error.name : "error" });
  } finally {
    clearTimeout(timer);
    read.catch(() => undefined);
  }
  return undefined;
}
