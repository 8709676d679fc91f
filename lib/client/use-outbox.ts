/**
 * The outbox of an account in this browser tab (client components only): kept in localStorage,
 * online as TanStack Query sees it, each request through the query client's mutation cache (so a
 * session that ended goes to sign-in like every other request), and each sent reply shown at once
 * at the top of the account's loaded inboxes.
 */
import { MutationObserver, onlineManager, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { SendMessageBody } from "@/lib/contracts/api";
import { threadMessagesUrl } from "./api-urls";
import { browserStorage, watchOtherTabs } from "./browser-storage";
import { sendJson } from "./fetch-json";
import { withSentReply, type ConversationPages } from "./merge-inbox";
import type { Outbox } from "./outbox";
import { aheadOfHeads, askOpenThreads, writePages } from "./queries";
import type { OutboxEntry } from "./outbox-entry";
import { queryKeys } from "./query-keys";

const outboxes = new Map<string, Promise<Outbox>>();
/** The same outboxes once made, for a render to use at once. */
const loaded = new Map<string, Outbox>();
const NONE: readonly OutboxEntry[] = [];
const noSubscription = () => () => {};
const OUTBOX_LOAD_RETRY_MS = 3_000;

/** One request for one reply, through the mutation cache (where a session that ended is handled). */
export function postReply(client: QueryClient, entry: OutboxEntry) {
  const body: SendMessageBody = { text: entry.text, clientId: entry.clientId, ...(entry.subject ? { subject: entry.subject } : {}) };
  const url = threadMessagesUrl(entry.accountId, entry.conversationId);
  // The outbox decides when to send and resend (offline included): the mutation only reports.
  return new MutationObserver(client, { mutationFn: () => sendJson("POST", url, "sendResult", body), networkMode: "always", retry: false }).mutate();
}

/** The reply as the preview of its conversation, at the top of every loaded inbox of the account holding it. */
export function showReplyInInbox(client: QueryClient, entry: OutboxEntry): Promise<void> {
  const reply = { text: entry.message?.text ?? entry.text, sentAt: entry.message?.sentAt ?? Date.now() };
  return aheadOfHeads(client, entry.accountId, () => {
    for (const [queryKey, data] of client.getQueriesData<ConversationPages>({ queryKey: queryKeys.conversationLists(entry.accountId) })) {
      const next = withSentReply(data, entry.conversationId, reply);
      if (next !== data) writePages(client, queryKey, next);
    }
  });
}

/**
 * The account's outbox, made once per page. Its code (and the stored entries' parsing with zod) is
 * loaded when a page first mounts an account, beside the page's own work, not in its first JavaScript.
 */
function outboxOf(accountId: string, client: QueryClient): Promise<Outbox> {
  let outbox = outboxes.get(accountId);
  if (outbox === undefined) {
    outbox = import("./outbox").then(({ createOutbox, outboxStorageKey }) => {
      const made = createOutbox(accountId, {
        storage: browserStorage(),
        network: { isOnline: () => onlineManager.isOnline(), subscribe: (listener) => onlineManager.subscribe(listener) },
        post: (entry) => postReply(client, entry),
        onSent: (entry) => {
          void showReplyInInbox(client, entry);
          // The open thread reads the reply back now, not when the next poll notices its row moved.
          askOpenThreads(client, entry.accountId, [{ conversationId: entry.conversationId, sentAt: entry.message?.sentAt ?? Date.now() }]);
        },
        watchOtherTabs: (listener) => watchOtherTabs(outboxStorageKey(accountId), listener),
      });
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
