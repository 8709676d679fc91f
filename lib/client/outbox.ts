/**
 * An account's outbox: the replies the rep sent from this browser until the thread shows them, and
 * the loop that sends them. Kept in storage (the truth, shared by this site's tabs), so a reload, a
 * second tab or going offline loses nothing; every request for one reply carries its clientId, so
 * the server sends it once however often it is asked.
 *
 *   new reply → sending (online) or queued (offline)
 *   queued    → sent again when the browser is back online (or, after a request that got no answer,
 *               after a growing pause)
 *   sending   → the server's answer: sent / pending / unconfirmed, or refused (failed)
 *   pending   → asked again every PENDING_RECHECK_MS with the same clientId (after a question our
 *               rate limit refused, or one whose answer named a wait, once that wait has passed)
 *   failed, unconfirmed (once the rep gives up waiting) → Retry: sending again, same clientId
 *
 * A conversation's replies leave one at a time, in the order they were written: each waits while an
 * earlier one is queued, being sent, or pending (a slow provider still sending it). Three written
 * offline used to leave together, newest first. One the rep must decide on (failed, unconfirmed)
 * holds nothing back: its Retry sends it after the rest.
 */
import type { SendResult } from "@/lib/contracts/api";
import type { StorageLike } from "./browser-storage";
import { ApiError } from "./errors";
import { MATCH_AFTER_MS } from "./merge-outbox";
import { answered, newClientId, newOutboxEntry, refused, startedSending, waitingForNetwork, type NewReply, type OutboxEntry, type OutboxState } from "./outbox-entry";
import { readOutbox, writeOutbox } from "./outbox-storage";

/** For use-outbox.ts, which loads this module (and the storage with it) when a page mounts an account. */
export { outboxStorageKey } from "./outbox-storage";

/** How often a slow provider's send is asked about. */
export const PENDING_RECHECK_MS = 3_000;
/** The longest a Retry-After may hold a recheck back (a proxy's 429 can name hours). */
export const PENDING_RECHECK_MAX_MS = 60_000;
/** After a request that got no answer while online: the first pause, doubled up to the longest. */
export const NO_ANSWER_RETRY_MS = 2_000;
export const NO_ANSWER_RETRY_MAX_MS = 30_000;
/** A sent reply the thread never matched is dropped once no message could match it any more. */
export const FORGET_SENT_MS = MATCH_AFTER_MS + 60_000;

/** A pending reply's next recheck after a wait the server named (seconds), within bounds. */
function recheckDelayMs(retryAfterSeconds: number): number {
  return Math.min(PENDING_RECHECK_MAX_MS, Math.max(PENDING_RECHECK_MS, retryAfterSeconds * 1000));
}

/** The states in which a reply still needs a request. */
const WAITING: ReadonlySet<OutboxState> = new Set(["queued", "sending", "pending"]);

export type Network = { isOnline(): boolean; subscribe(listener: (online: boolean) => void): () => void };

export type OutboxDeps = {
  storage: StorageLike;
  network: Network;
  /** One request for one reply (the same clientId every time). */
  post(entry: OutboxEntry): Promise<SendResult>;
  /** The server said the provider has it. */
  onSent?(entry: OutboxEntry): void;
  /** No one can tell whether the provider has it: the thread may show it (and settle it). */
  onUnconfirmed?(entry: OutboxEntry): void;
  /** Subscribes to changes another tab makes to this account's stored outbox. */
  watchOtherTabs?(listener: () => void): () => void;
  now?(): number;
  newClientId?(): string;
  /** Whether the page is hidden (document.hidden by default). */
  isHidden?(): boolean;
};

export type Outbox = ReturnType<typeof createOutbox>;

export function createOutbox(accountId: string, deps: OutboxDeps) {
  const now = deps.now ?? Date.now;
  const isHidden = deps.isHidden ?? (() => typeof document !== "undefined" && document.hidden);
  let entries: readonly OutboxEntry[] = [];
  /** False after the storage refused a write: memory is then the truth for this tab. */
  let storageWorks = true;
  let started = false;
  const stops: (() => void)[] = [];
  const listeners = new Set<() => void>();
  /** Replies with a request in flight from this tab. */
  const inFlight = new Set<string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Requests in a row that got no answer, per reply (for the pause before the next). */
  const unanswered = new Map<string, number>();

  function emit(): void {
    for (const listener of listeners) listener();
  }

  function stored(): OutboxEntry[] {
    return storageWorks ? (readOutbox(deps.storage, accountId) ?? [...entries]) : [...entries];
  }

  function change(edit: (list: OutboxEntry[]) => OutboxEntry[]): void {
    entries = edit(stored());
    storageWorks = writeOutbox(deps.storage, accountId, entries);
    emit();
    pump();
  }

  /** Changes one reply, if it is still there (deleted meanwhile, here or in another tab: nothing). */
  function update(clientId: string, edit: (entry: OutboxEntry) => OutboxEntry): OutboxEntry | undefined {
    let changed: OutboxEntry | undefined;
    change((list) => list.map((entry) => (entry.clientId === clientId ? (changed = edit(entry)) : entry)));
    return changed;
  }

  function clearTimer(clientId: string): void {
    const timer = timers.get(clientId);
    if (timer !== undefined) clearTimeout(timer);
    timers.delete(clientId);
  }

  function later(clientId: string, delayMs: number): void {
    // Stopped (an answer that came after stop): nothing more is asked.
    if (!started || timers.has(clientId)) return;
    timers.set(
      clientId,
      setTimeout(() => {
        timers.delete(clientId);
        void request(clientId);
      }, delayMs),
    );
  }

  /** Whether an earlier reply to the same conversation is still on its way (WAITING). */
  function waitsForEarlier(entry: OutboxEntry): boolean {
    for (const other of entries) {
      if (other.clientId === entry.clientId) return false;
      if (other.conversationId === entry.conversationId && WAITING.has(other.state)) return true;
    }
    return false;
  }

  /** Starts whatever each reply needs now: a request, or a timer for the next one. */
  function pump(): void {
    if (!started) return;
    const online = deps.network.isOnline();
    for (const entry of entries) {
      if (inFlight.has(entry.clientId) || waitsForEarlier(entry)) continue;
      if (entry.state === "sending" && online) void request(entry.clientId);
      else if (entry.state === "pending") later(entry.clientId, PENDING_RECHECK_MS);
      else if (entry.state === "queued" && online) {
        const misses = unanswered.get(entry.clientId) ?? 0;
        if (misses === 0) void request(entry.clientId);
        else later(entry.clientId, Math.min(NO_ANSWER_RETRY_MAX_MS, NO_ANSWER_RETRY_MS * 2 ** (misses - 1)));
      }
    }
  }

  async function request(clientId: string): Promise<void> {
    const current = entries.find((entry) => entry.clientId === clientId);
    // Settled meanwhile (by another tab's answer, or deleted): nothing to ask.
    if (!current || !WAITING.has(current.state) || inFlight.has(clientId) || !deps.network.isOnline() || waitsForEarlier(current)) return;
    // Each recheck of a pending send is a provider call: a hidden tab asks once it is seen again.
    if (current.state === "pending" && isHidden()) return later(clientId, PENDING_RECHECK_MS);
    clearTimer(clientId);
    // In flight until its outcome is stored, so nothing starts it again meanwhile.
    inFlight.add(clientId);
    // A pending reply is only asked about: it stays as it is on screen.
    const leaving = current.state === "pending" ? current : (update(clientId, (entry) => startedSending(entry, now())) ?? current);
    let outcome: OutboxEntry | undefined;
    try {
      const result = await deps.post(leaving);
      unanswered.delete(clientId);
      outcome = update(clientId, (entry) => answered(entry, result, now()));
      // Still sending, and the server could not tell how it goes: the next recheck waits as long as it said.
      if (outcome?.state === "pending" && result.retryAfter !== undefined) later(clientId, recheckDelayMs(result.retryAfter));
    } catch (error) {
      const next = update(clientId, (entry) => refused(entry, error, now()));
      outcome = next;
      if (next?.state === "queued") unanswered.set(clientId, (unanswered.get(clientId) ?? 0) + 1);
      // A recheck our rate limit refused (refused keeps it pending): the next waits as long as it said.
      else if (next?.state === "pending" && error instanceof ApiError && error.retryAfter !== undefined) {
        later(clientId, recheckDelayMs(error.retryAfter));
      }
    } finally {
      inFlight.delete(clientId);
    }
    pump();
    if (outcome?.state === "sent") deps.onSent?.(outcome);
    else if (outcome?.state === "unconfirmed") deps.onUnconfirmed?.(outcome);
  }

  function reload(): void {
    entries = stored();
    emit();
    pump();
  }

  return {
    /** The account's replies, oldest first (a new array after every change, the same one otherwise). */
    getSnapshot: (): readonly OutboxEntry[] => entries,

    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Loads what this browser kept, forgets sent replies long past, and resumes every send. Once. */
    start(): void {
      if (started) return;
      started = true;
      stops.push(
        deps.network.subscribe((online) => {
          if (!online) return;
          // Back online: every waiting reply goes now, not after its pause.
          for (const entry of entries) if (entry.state === "queued") unanswered.delete(entry.clientId);
          pump();
        }),
      );
      if (deps.watchOtherTabs) stops.push(deps.watchOtherTabs(reload));
      const at = now();
      change((list) => list.filter((entry) => !(entry.state === "sent" && at - entry.stateSince > FORGET_SENT_MS)));
    },

    /** Stops timers and listeners (tests; a page keeps its outboxes for its whole life). */
    stop(): void {
      started = false;
      for (const stop of stops.splice(0)) stop();
      for (const clientId of [...timers.keys()]) clearTimer(clientId);
    },

    /** A new reply: shown at once, sent now or as soon as the browser is online. */
    send(reply: Omit<NewReply, "accountId">): OutboxEntry {
      const entry = newOutboxEntry({ ...reply, accountId }, (deps.newClientId ?? newClientId)(), now(), deps.network.isOnline());
      change((list) => [...list, entry]);
      return entry;
    },

    /** The rep's Retry: the same clientId again (the server sends it again only if it did not go). */
    retry(clientId: string): void {
      unanswered.delete(clientId);
      update(clientId, (entry) => (deps.network.isOnline() ? startedSending(entry, now()) : waitingForNetwork(entry, now())));
    },

    /** Forgets replies: the rep's Delete, or ones the thread has shown for a while. */
    remove(clientIds: readonly string[]): void {
      if (clientIds.length === 0) return;
      const gone = new Set(clientIds);
      for (const clientId of gone) clearTimer(clientId);
      change((list) => list.filter((entry) => !gone.has(entry.clientId)));
    },
  };
}
