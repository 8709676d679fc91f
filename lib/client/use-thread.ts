/** The open thread's data, for a thread page (client components only; hooks.ts has the inbox's). */
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useAccount } from "./hooks";
import { flattenMessages } from "./merge-messages";
import { messagesInfiniteOptions } from "./queries";
import { messagesSinceQueryOptions, type ThreadWatch } from "./thread-poll";

/** How the account's open thread learns of news (queries.ts): a webhook, or its inbox row (not Linked API's people). */
function useThreadWatch(accountId: string): ThreadWatch {
  const capabilities = useAccount(accountId).account?.capabilities;
  const pushed = capabilities?.push === true;
  // Until the account is known, the thread keeps its own safety check.
  const rowShowsNews = capabilities !== undefined && !capabilities.needsSync;
  return useMemo(() => ({ pushed, rowShowsNews }), [pushed, rowShowsNews]);
}

/** The loaded thread (every page, deduped, newest first) plus its `since` poller. */
export function useThread(accountId: string, conversationId: string) {
  const watch = useThreadWatch(accountId);
  const history = useInfiniteQuery(messagesInfiniteOptions(accountId, conversationId));
  const poll = useQuery({
    ...messagesSinceQueryOptions(accountId, conversationId, watch),
    // Loaded, not `isSuccess`: a failed older page leaves the history in error, its pages intact,
    // and the thread must go on hearing of news meanwhile.
    enabled: history.data !== undefined,
  });
  const messages = useMemo(() => flattenMessages(history.data), [history.data]);
  return { history, poll, messages };
}
