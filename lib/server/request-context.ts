import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What one API request shares without threading it through every call: its id (every log line
 * has it), the writes its answer waits for (see `alongside`), and the cookies its answer sets
 * (a renewed session's).
 */
type RequestContext = { requestId: string; pending: Promise<{ failure: unknown } | null>[]; setCookies: string[] };

const storage = new AsyncLocalStorage<RequestContext>();

export function withRequestContext<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId, pending: [], setCookies: [] }, work);
}

/** Set-Cookie lines for this API request's answer, whatever it turns out to be. */
export function setCookiesOnAnswer(lines: string[]): void {
  storage.getStore()?.setCookies.push(...lines);
}

/**
 * The answer, with the cookies this request was given to set; but an answer that sets cookies of
 * its own (signing in or out) has the last word on the session.
 */
export function withAnswerCookies(response: Response): Response {
  const lines = storage.getStore()?.setCookies.splice(0) ?? [];
  if (response.headers.has("set-cookie")) return response;
  for (const line of lines) response.headers.append("set-cookie", line);
  return response;
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * Runs a write (a usage counter) beside the rest of an API request's work instead of before it:
 * on a database a network away, each write waited for is a round trip on the request's path. The
 * request's answer still waits for it (`settleAlongside`), so it is done, or its failure answered,
 * before the response leaves. Outside an API request, it is waited for here.
 */
export async function alongside(write: Promise<void>): Promise<void> {
  const context = storage.getStore();
  if (!context) return write;
  // Caught now, so that a write failing before the answer awaits it is not an unhandled rejection.
  context.pending.push(write.then(() => null, (failure: unknown) => ({ failure })));
}

/** Waits for this request's writes started `alongside`; throws the first one's failure. */
export async function settleAlongside(): Promise<void> {
  const context = storage.getStore();
  if (!context) return;
  const failed = (await Promise.all(context.pending.splice(0))).find((outcome) => outcome !== null);
  if (failed) throw failed.failure;
}
