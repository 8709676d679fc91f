/**
 * An account's outbox wired to this page: its requests through the query client's mutation cache
 * (so a session that ended goes to sign-in like every other request), online as TanStack Query sees
 * it, and each sent reply shown at once at the top of the account's loaded inboxes and read back by
 * its open thread. Loaded when a page first mounts an account (use-outbox.ts), not in its first
 * JavaScript: most page loads send nothing.
 */
import { MutationObserver, onlineManager, type QueryClient } from "@tanstack/react-query";
import type { SendMessageBody } from "@/lib/contracts/api";
import { threadMessagesUrl } from "./api-urls";
import { browserStorage, watchOtherTabs } from "./browser-storage";
import { sendJson } from "./fetch-json";
import { withSentReply, type ConversationPages } from "./merge-inbox";
import { createOutbox, outboxStorageKey, type Outbox } from "./outbox";
import type { OutboxEntry } from "./outbox-entry";
import { aheadOfHeads, askOpenThreads, waitForListsIdle, writePages } from "./queries";
import { queryKeys } from "./query-keys";

/** One request for one reply, through the mutation cache (where a session that ended is handled). */
export function postReply(client: QueryClient, entry: OutboxEntry) {
  const body: SendMessageBody = { text: entry.text, clientId: entry.clientId, ...(entry.subject ? { subject: entry.subject } : {}) };
  const url = threadMessagesUrl(entry.accountId, entry.conversationId);
  // The outbox decides when to send and resend (offline included): the mutation only reports.
  return new MutationObserver(client, { mutationFn: () => sendJson("POST", url, "sendResult", body), networkMode: "always", retry: false }).mutate();
}

/**
 * The reply as the preview of its conversation, at the top of every loaded inbox of the account
 * holding it. A next page asked before it lands on the pages as they were when it was asked: shown
 * again once the lists are idle.
 */
export function showReplyInInbox(client: QueryClient, entry: OutboxEntry): Promise<void> {
  const reply = { text: entry.message?.text ?? entry.text, sentAt: entry.message?.sentAt ?? Date.now() };
  const lists = queryKeys.conversationLists(entry.accountId);
  const show = () => {
    for (const [queryKey, data] of client.getQueriesData<ConversationPages>({ queryKey: lists })) {
      const next = withSentReply(data, entry.conversationId, reply);
      if (next !== data) writePages(client, queryKey, next);
    }
  };
  return aheadOfHeads(client, entry.accountId, async () => {
    show();
    await waitForListsIdle(client, entry.accountId);
    show();
  });
}

/** When an unconfirmed reply's thread is read again, after the read at once. */
const UNCONFIRMED_RECHECK_MS = 15_000;

export function accountOutbox(accountId: string, client: QueryClient): Outbox {
  return createOutbox(accountId, {
    storage: browserStorage(),
    network: { isOnline: () => onlineManager.isOnline(), subscribe: (listener) => onlineManager.subscribe(listener) },
    post: (entry) => postReply(client, entry),
    onSent: (entry) => {
      void showReplyInInbox(client, entry);
      // The open thread reads the reply back now, not when the next poll notices its row moved.
      askOpenThreads(client, entry.accountId, [{ conversationId: entry.conversationId, sentAt: entry.message?.sentAt ?? Date.now() }]);
    },
    // A pushed account's thread reads its provider only when a webhook or its 5-minute safety read
    // says so, and no webhook tells of the rep's own message: it looks now, and once more in case the
    // provider shows the message late, before the rep is told it has not shown up.
    onUnconfirmed: (entry) => {
      const ask = () => askOpenThreads(client, entry.accountId, [{ conversationId: entry.conversationId, sentAt: Date.now() }]);
      ask();
      setTimeout(ask, UNCONFIRMED_RECHECK_MS);
    },
    watchOtherTabs: (listener) => watchOtherTabs(outboxStorageKey(accountId), listener),
  });
}
