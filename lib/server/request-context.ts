import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What one API request shares without threading it through every call: its id (every log line
 * has it), the writes its answer waits for (see `alongside`), and a rate limit its gate left to be
 * counted with its first provider call (see `deferLimit`).
 */
type RequestContext = { requestId: string; pending: Promise<{ failure: unknown } | null>[]; deferredLimit?: DeferredState };

type DeferredState = { limit: DeferredLimit; outcome?: Promise<{ refusal: unknown } | null> };

/** A request rate to count: `key`'s calls in a minute, refused above `perMinute` with `refusal`. */
export type DeferredLimit = { key: string; perMinute: number; refusal: (retryAfterSeconds: number) => Error };

const storage = new AsyncLocalStorage<RequestContext>();

export function withRequestContext<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId, pending: [] }, work);
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

/**
 * Leaves a read's rate limit to be counted in the same statement as its first provider call's own
 * limit (provider-meter.ts), which it must pass first: on a database a network away, one round trip
 * instead of two in a row. Whatever the request does not hand to a provider call, its answer counts
 * before it leaves (the gate's `countDeferredLimit`). Outside an API request, there is nothing to
 * defer to: false, and the caller counts now.
 */
export function deferLimit(limit: DeferredLimit): boolean {
  const context = storage.getStore();
  if (!context) return false;
  context.deferredLimit = { limit };
  return true;
}

export type DeferredLimitClaim =
  | { kind: "count"; limit: DeferredLimit; report: (count: Promise<unknown>) => void }
  | { kind: "wait"; outcome: Promise<void> };

/**
 * The request's deferred rate limit. The first caller counts it (and reports the count with
 * `report`, at once); every later caller waits for that count's outcome, which rejects with its
 * refusal, so nothing the request does goes on past one (a read making calls side by side).
 * Undefined when the request deferred none.
 */
export function claimDeferredLimit(): DeferredLimitClaim | undefined {
  const state = storage.getStore()?.deferredLimit;
  if (!state) return undefined;
  if (state.outcome) {
    return {
      kind: "wait",
      outcome: state.outcome.then((outcome) => {
        if (outcome) throw outcome.refusal;
      }),
    };
  }
  let report: (count: Promise<unknown>) => void = () => undefined;
  state.outcome = new Promise((resolve) => {
    report = (count) => resolve(count.then(() => null, (refusal: unknown) => ({ refusal })));
  });
  return { kind: "count", limit: state.limit, report };
}
