import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/** What every log line of one API request shares, without threading it through every call. */
export type RequestContext = { requestId: string };

const storage = new AsyncLocalStorage<RequestContext>();

export function withRequestContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
