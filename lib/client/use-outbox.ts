/**
 * The outbox of an account in this browser tab (client components only): kept in localStorage, and
 * wired to the page by outbox-runtime.ts, which loads when a page first mounts an account.
 */
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { Outbox } from "./outbox";
import type { OutboxEntry } from "./outbox-entry";

const outboxes = new Map<string, Promise<Outbox>>();
/** The same outboxes once made, for a render to use at once. */
const loaded = new Map<string, Outbox>();
const NONE: readonly OutboxEntry[] = [];
const noSubscription = () => () => {};
const OUTBOX_LOAD_RETRY_MS = 3_000;

/**
 * The account's outbox, made once per page. Its code (and the stored entries' parsing with zod) is
 * loaded when a page first mounts an account, beside the page's own work, not in its first JavaScript.
 */
function outboxOf(accountId: string, client: QueryClient): Promise<Outbox> {
  let outbox = outboxes.get(accountId);
  if (outbox === undefined) {
    outbox = import("./outbox-runtime").then(({ accountOutbox }) => {
      const made = accountOutbox(accountId, client);
      loaded.set(accountId, made);
      return made;
    });
    // A load that failed (the network dropped) is tried again: by useOutbox 3 s later, or the next mount.
    outbox.catch(() => outboxes.delete(accountId));
    outboxes.set(accountId, outbox);
  }
  return outbox;
}

/**
 * The account's outbox, started (its waiting replies are sent) once this is mounted, and its replies.
 * Mounted with the account's pages, so replies go on while the rep reads other conversations.
 */
export function useOutbox(accountId: string): { outbox: Outbox | null; entries: readonly OutboxEntry[] } {
  const client = useQueryClient();
  // Set once the outbox is made, to render again with it; counts failed loads, to try again.
  const [, setReady] = useState<Outbox | null>(null);
  const [failedLoads, setFailedLoads] = useState(0);
  const outbox = loaded.get(accountId) ?? null;
  useEffect(() => {
    let mounted = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    outboxOf(accountId, client).then(
      (ready) => {
        ready.start();
        if (mounted) setReady(ready);
      },
      // Its code did not load (the network dropped): again shortly, so waiting replies go and Send works.
      () => {
        if (mounted) retry = setTimeout(() => setFailedLoads((count) => count + 1), OUTBOX_LOAD_RETRY_MS);
      },
    );
    return () => {
      mounted = false;
      clearTimeout(retry);
    };
  }, [accountId, client, failedLoads]);
  const entries = useSyncExternalStore(outbox?.subscribe ?? noSubscription, outbox?.getSnapshot ?? (() => NONE), () => NONE);
  return { outbox, entries };
}

/** One conversation's replies in the outbox, oldest first. */
export function useConversationOutbox(accountId: string, conversationId: string) {
  const { outbox, entries } = useOutbox(accountId);
  const mine = useMemo(() => entries.filter((entry) => entry.conversationId === conversationId), [entries, conversationId]);
  return { outbox, entries: mine };
}
