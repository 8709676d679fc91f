import "server-only";
import type { InboxProvider } from "./types";

type Flight = { promise: Promise<unknown>; controller: AbortController; waiters: number };

/**
 * The same read of the same account asked at the same moment (two tabs, two reps, a double tap)
 * goes upstream once and every caller gets its answer. The shared read is cancelled only when
 * every caller has gone away. Per account, so nobody ever sees another account's data.
 */
export function withSharedReads(provider: InboxProvider): InboxProvider {
  const flights = new Map<string, Flight>();

  // A flight cancelled by its last caller settles later, after another may have taken its key.
  const forget = (key: string, flight: Flight) => {
    if (flights.get(key) === flight) flights.delete(key);
  };

  function shared<T>(key: string, signal: AbortSignal, read: (signal: AbortSignal) => Promise<T>): Promise<T> {
    signal.throwIfAborted();
    let flight = flights.get(key);
    if (!flight) {
      const controller = new AbortController();
      const started: Flight = { promise: read(controller.signal), controller, waiters: 0 };
      void started.promise.then(
        () => forget(key, started),
        () => forget(key, started),
      );
      flights.set(key, started);
      flight = started;
    }
    const joined = flight;
    joined.waiters++;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        joined.waiters--;
        if (joined.waiters === 0) {
          forget(key, joined);
          joined.controller.abort(signal.reason);
        }
        reject(signal.reason);
      };
      signal.addEventListener("abort", leave, { once: true });
      joined.promise.then(
        (value) => {
          signal.removeEventListener("abort", leave);
          resolve(value as T);
        },
        (error: unknown) => {
          signal.removeEventListener("abort", leave);
          reject(error);
        },
      );
    });
  }

  return {
    ...provider,
    capabilities: provider.capabilities,
    listConversations: (query, signal) => shared(`conversations:${JSON.stringify(query)}`, signal, (s) => provider.listConversations(query, s)),
    listMessages: (query, signal) => shared(`messages:${JSON.stringify(query)}`, signal, (s) => provider.listMessages(query, s)),
    messagesSince: (query, signal) => shared(`since:${JSON.stringify(query)}`, signal, (s) => provider.messagesSince(query, s)),
  };
}
