import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Conversation, Message } from "@/lib/contracts/api";
import { flattenConversations, type ConversationPages } from "@/lib/client/merge-inbox";
import { flattenMessages } from "@/lib/client/merge-messages";
import { type MessagePages } from "@/lib/client/message-pages";
import { trackActivity } from "@/lib/client/activity";
import { ApiError } from "@/lib/client/errors";
import { ACTIVE_MS, PACE_MS, paceDelayMs, paceOf, shortestDelayMs } from "@/lib/client/poll-pace";
import {
  askOpenThreads,
  changesQueryOptions,
  FIRST_READ_RETRY_MS,
  conversationsHeadQueryOptions,
  HEAD_LIMIT,
  conversationsInfiniteOptions,
  messagesInfiniteOptions,
  type PollResult,
} from "@/lib/client/queries";
import { messagesSinceQueryOptions } from "@/lib/client/thread-poll";
import { queryKeys } from "@/lib/client/query-keys";

const ACCOUNT = "acc:1";
const CONV = "urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA,2-MDZi==)";

function msg(n: number, sentAt = 1_000 + n): Message {
  return { id: `m${n}`, text: `message ${n}`, sentAt, sender: { name: "Ada" }, fromMe: false, type: "text", attachments: [], reactions: [] };
}
function conv(id: string): Conversation {
  return { id, participant: { name: id }, lastMessage: null, unreadCount: 0, type: "normal" };
}
function lastAt(id: string, sentAt: number): Conversation {
  return { ...conv(id), lastMessage: { text: "x", sentAt, fromMe: false } };
}

type Handler = (url: URL) => Promise<unknown> | unknown;
let handler: Handler;
const calls: URL[] = [];

beforeEach(() => {
  calls.length = 0;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(1_000_000);
  vi.stubGlobal("fetch", async (input: string) => {
    const url = new URL(input, "http://app.test");
    calls.push(url);
    const body = await handler(url);
    if (body instanceof Response) return body;
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });
const later = () => vi.setSystemTime(Date.now() + 5_000);

describe("thread `since` poller", () => {
  it("asks for messages since the newest one in the cache at call time and merges them into page 1", async () => {
    let server = [msg(3), msg(2), msg(1)];
    handler = (url) => {
      const since = url.searchParams.get("since");
      if (since !== null) return { messages: server.filter((m) => m.sentAt >= Number(since)), nextCursor: null };
      return { messages: server.slice(0, 2), nextCursor: "older" };
    };
    const client = newClient();
    await client.fetchInfiniteQuery(messagesInfiniteOptions(ACCOUNT, CONV));
    expect(calls[0]!.pathname).toBe(`/api/accounts/acc%3A1/conversations/${encodeURIComponent(CONV)}/messages`);

    later();
    server = [msg(5), msg(4), ...server];
    await client.fetchQuery(messagesSinceQueryOptions(ACCOUNT, CONV));
    expect(calls[1]!.searchParams.get("since")).toBe("1003");
    const data = client.getQueryData<MessagePages>(queryKeys.messages(ACCOUNT, CONV));
    expect(data!.pages[0]!.messages.map((m) => m.id)).toEqual(["m5", "m4", "m3", "m2"]);
    expect(data!.pages[0]!.nextCursor).toBe("older");

    // The next poll starts from the new newest message (read from the cache, not the key).
    later();
    await client.refetchQueries({ queryKey: queryKeys.messagesSince(ACCOUNT, CONV) });
    expect(calls[2]!.searchParams.get("since")).toBe("1005");
    expect(flattenMessages(client.getQueryData(queryKeys.messages(ACCOUNT, CONV))).map((m) => m.id)).toEqual(["m5", "m4", "m3", "m2"]);
  });

  it("reloads the thread instead of merging when the server says the since answer is truncated", async () => {
    let server = [msg(3), msg(2), msg(1)];
    let truncated = false;
    handler = (url) => {
      const since = url.searchParams.get("since");
      if (since !== null) return { messages: server.slice(0, 2), nextCursor: null, meta: { truncated } };
      return { messages: server.slice(0, 2), nextCursor: "older" };
    };
    const client = newClient();
    await client.fetchInfiniteQuery(messagesInfiniteOptions(ACCOUNT, CONV));

    later();
    server = [msg(500), msg(499), ...server];
    truncated = true;
    await client.fetchQuery(messagesSinceQueryOptions(ACCOUNT, CONV));
    // Not merged (that would hide the gap between m499 and m3); the history was reset.
    const data = client.getQueryData<MessagePages>(queryKeys.messages(ACCOUNT, CONV));
    expect(data).toBeUndefined();
    await client.fetchInfiniteQuery(messagesInfiniteOptions(ACCOUNT, CONV));
    expect(flattenMessages(client.getQueryData(queryKeys.messages(ACCOUNT, CONV))).map((m) => m.id)).toEqual(["m500", "m499"]);
  });

  it("does not lose a polled message when an older page is being fetched at the same time", async () => {
    let releaseOlder: () => void = () => undefined;
    const olderGate = new Promise<void>((resolve) => (releaseOlder = resolve));
    handler = async (url) => {
      if (url.searchParams.get("since") !== null) return { messages: [msg(9), msg(8)], nextCursor: null };
      if (url.searchParams.get("cursor") === "older") {
        await olderGate;
        return { messages: [msg(6), msg(5)], nextCursor: null };
      }
      return { messages: [msg(8), msg(7)], nextCursor: "older" };
    };
    const client = newClient();
    await client.fetchInfiniteQuery(messagesInfiniteOptions(ACCOUNT, CONV));
    later();
    // What useInfiniteQuery's fetchNextPage does: build on the pages as they are when it starts.
    const olderPage = client
      .getQueryCache()
      .find({ queryKey: queryKeys.messages(ACCOUNT, CONV) })!
      .fetch(undefined, { meta: { fetchMore: { direction: "forward" } } });
    const poll = client.fetchQuery(messagesSinceQueryOptions(ACCOUNT, CONV));
    await new Promise((resolve) => setTimeout(resolve, 10));
    releaseOlder();
    await Promise.all([olderPage, poll]);
    const ids = flattenMessages(client.getQueryData(queryKeys.messages(ACCOUNT, CONV))).map((m) => m.id);
    expect(ids).toEqual(["m9", "m8", "m7", "m6", "m5"]);
  });

  it("skips its first run right after the thread loaded, but not a later ask, however soon (a reply read back)", async () => {
    let server = [msg(2), msg(1)];
    handler = (url) => {
      const since = url.searchParams.get("since");
      return { messages: since === null ? server : server.filter((m) => m.sentAt >= Number(since)), nextCursor: null };
    };
    const client = newClient();
    await client.fetchInfiniteQuery(messagesInfiniteOptions(ACCOUNT, CONV));
    const observer = new QueryObserver(client, messagesSinceQueryOptions(ACCOUNT, CONV));
    const unsubscribe = observer.subscribe(() => undefined);
    await vi.waitFor(() => expect(observer.getCurrentResult().data?.polledAt).toBeNull());
    expect(calls).toHaveLength(1);

    server = [msg(3), ...server];
    await client.refetchQueries({ queryKey: queryKeys.messagesSince(ACCOUNT, CONV) });
    expect(calls).toHaveLength(2);
    expect(flattenMessages(client.getQueryData(queryKeys.messages(ACCOUNT, CONV))).map((m) => m.id)).toEqual(["m3", "m2", "m1"]);
    unsubscribe();
  });

  it("leaves the loaded history alone when a poll fails", async () => {
    handler = (url) =>
      url.searchParams.get("since") !== null
        ? new Response(JSON.stringify({ error: { code: "upstream_timeout", message: "slow" } }), { status: 504 })
        : { messages: [msg(2), msg(1)], nextCursor: null };
    const client = newClient();
    await client.fetchInfiniteQuery(messagesInfiniteOptions(ACCOUNT, CONV));
    const before = client.getQueryData(queryKeys.messages(ACCOUNT, CONV));
    later();
    await expect(client.fetchQuery({ ...messagesSinceQueryOptions(ACCOUNT, CONV), retry: false })).rejects.toMatchObject({
      code: "upstream_timeout",
    });
    expect(client.getQueryData(queryKeys.messages(ACCOUNT, CONV))).toBe(before);
  });
});

describe("inbox head poller", () => {
  it("refreshes only page 1 and merges it without dropping anything loaded", async () => {
    let head = [conv("a"), conv("b")];
    handler = (url) => {
      if (url.searchParams.get("cursor") === "p2") return { conversations: [conv("c"), conv("d")], nextCursor: null };
      return { conversations: head, nextCursor: "p2" };
    };
    const client = newClient();
    await client.fetchInfiniteQuery({ ...conversationsInfiniteOptions(ACCOUNT, "UNREAD"), pages: 2 });
    expect(calls.map((u) => u.searchParams.get("cursor"))).toEqual([null, "p2"]);

    later();
    head = [conv("d"), conv("a")];
    await client.fetchQuery(conversationsHeadQueryOptions(ACCOUNT, "UNREAD"));
    expect(calls).toHaveLength(3);
    expect(calls[2]!.searchParams.get("category")).toBe("UNREAD");
    expect(calls[2]!.searchParams.get("cursor")).toBeNull();
    const data = client.getQueryData<ConversationPages>(queryKeys.conversations(ACCOUNT, "UNREAD"));
    expect(flattenConversations(data).map((c) => c.id)).toEqual(["d", "a", "b", "c"]);
    expect(data!.pageParams).toEqual([null, "p2"]);
  });

  it("leaves the list alone when a shared answer is older than it: no old rows back, no wider read", async () => {
    const fresh = Array.from({ length: 20 }, (_, i) => lastAt(`c${i}`, 2_000 - i));
    // What another tab asked the provider before this page read it: every row a message behind.
    const older = { conversations: fresh.slice(0, HEAD_LIMIT).map((row) => lastAt(row.id, row.lastMessage!.sentAt - 500)), nextCursor: null, meta: { checkedAt: 900_000 } };
    handler = (url) => (url.searchParams.get("limit") === String(HEAD_LIMIT) ? older : { conversations: fresh, nextCursor: null, meta: { checkedAt: 950_000 } });
    const client = newClient();
    await client.fetchInfiniteQuery(conversationsInfiniteOptions(ACCOUNT, "INBOX"));
    const before = client.getQueryData<ConversationPages>(queryKeys.conversations(ACCOUNT, "INBOX"));
    later();
    await client.fetchQuery(conversationsHeadQueryOptions(ACCOUNT, "INBOX"));
    expect(calls.slice(1).map((u) => u.searchParams.get("limit"))).toEqual([String(HEAD_LIMIT)]);
    expect(client.getQueryData(queryKeys.conversations(ACCOUNT, "INBOX"))).toBe(before);

    // A newer answer is merged, and the list then counts as read at its time.
    older.meta.checkedAt = 960_000;
    older.conversations = [lastAt("c0", 3_000), ...fresh.slice(1, HEAD_LIMIT)];
    later();
    calls.length = 0;
    await client.fetchQuery(conversationsHeadQueryOptions(ACCOUNT, "INBOX"));
    expect(calls.map((u) => u.searchParams.get("limit"))).toEqual([String(HEAD_LIMIT)]);
    const after = client.getQueryData<ConversationPages>(queryKeys.conversations(ACCOUNT, "INBOX"))!;
    expect(after.pages[0]!.conversations[0]!.lastMessage!.sentAt).toBe(3_000);
    expect(after.pages[0]!.meta?.checkedAt).toBe(960_000);
  });

  it("puts the small page over a full one that is an older shared answer", async () => {
    const loadedRows = Array.from({ length: 20 }, (_, i) => lastAt(`c${i}`, 1_000 - i));
    const newRows = Array.from({ length: HEAD_LIMIT }, (_, i) => lastAt(`new${i}`, 2_000 - i));
    // Pages of an inbox longer than them (a cursor on each).
    let answers: Record<string, { conversations: Conversation[]; nextCursor: string; meta: { checkedAt: number } }> = {
      "20": { conversations: loadedRows, nextCursor: "more", meta: { checkedAt: 950_000 } },
    };
    handler = (url) => answers[url.searchParams.get("limit") ?? ""];
    const client = newClient();
    await client.fetchInfiniteQuery(conversationsInfiniteOptions(ACCOUNT, "INBOX"));
    answers = {
      [String(HEAD_LIMIT)]: { conversations: newRows, nextCursor: "more", meta: { checkedAt: 970_000 } },
      // Read by another tab before the last five arrived.
      "20": { conversations: [...newRows.slice(5), ...loadedRows.slice(0, 15)], nextCursor: "more", meta: { checkedAt: 960_000 } },
    };
    later();
    await client.fetchQuery(conversationsHeadQueryOptions(ACCOUNT, "INBOX"));
    expect(calls.slice(1).map((u) => u.searchParams.get("limit"))).toEqual([String(HEAD_LIMIT), "20"]);
    const list = flattenConversations(client.getQueryData(queryKeys.conversations(ACCOUNT, "INBOX"))).map((c) => c.id);
    expect(list).toEqual([...newRows.map((c) => c.id), ...loadedRows.map((c) => c.id)]);
  });

  it("skips the network right after the inbox itself loaded", async () => {
    handler = () => ({ conversations: [conv("a")], nextCursor: null });
    const client = newClient();
    await client.fetchInfiniteQuery(conversationsInfiniteOptions(ACCOUNT, "INBOX"));
    await client.fetchQuery(conversationsHeadQueryOptions(ACCOUNT, "INBOX"));
    expect(calls).toHaveLength(1);
  });
});

describe("a device whose clock is behind the server's", () => {
  it("does not hold the head back: a first page stamped in this device's future is not 'just loaded'", async () => {
    handler = () => ({ conversations: [conv("a")], nextCursor: null });
    const client = newClient();
    await client.fetchInfiniteQuery(conversationsInfiniteOptions(ACCOUNT, "INBOX"));
    // As hydration keeps the server's stamp: the server's clock 5 minutes ahead.
    client.getQueryCache().find({ queryKey: queryKeys.conversations(ACCOUNT, "INBOX"), exact: true })?.setState({ dataUpdatedAt: Date.now() + 300_000 });
    await client.fetchQuery(conversationsHeadQueryOptions(ACCOUNT, "INBOX"));
    expect(calls).toHaveLength(2);
  });
});

describe("query options", () => {
  it("never poll or refetch a loaded history; one whose first read failed in a way waiting may cure tries again by itself", () => {
    const loaded = { state: { status: "success", data: { pages: [], pageParams: [] }, error: null } };
    const nextPageFailed = { state: { status: "error", data: { pages: [], pageParams: [] }, error: new ApiError(502, "upstream_error", "down") } };
    const firstReadFailed = { state: { status: "error", data: undefined, error: new ApiError(502, "upstream_error", "down") } };
    const gone = { state: { status: "error", data: undefined, error: new ApiError(404, "not_found", "No such conversation.") } };
    const needsReconnecting = { state: { status: "error", data: undefined, error: new ApiError(502, "upstream_auth", "LinkedIn connection lost.") } };
    // An option as TanStack reads it for this query: its value, or what its function answers.
    const valueFor = (option: unknown, query: object) => (typeof option === "function" ? (option as (query: object) => unknown)(query) : option);
    for (const options of [messagesInfiniteOptions(ACCOUNT, CONV), conversationsInfiniteOptions(ACCOUNT, "INBOX")]) {
      expect(options.staleTime).toBe(Infinity);
      expect(options.refetchIntervalInBackground).toBe(false);
      const asks = (query: object) => [options.refetchInterval, options.refetchOnWindowFocus, options.refetchOnReconnect].map((option) => valueFor(option, query));
      for (const query of [loaded, nextPageFailed, gone, needsReconnecting]) expect(asks(query)).toEqual([false, false, false]);
      expect(asks(firstReadFailed)).toEqual([FIRST_READ_RETRY_MS, true, true]);
    }
    for (const options of [messagesSinceQueryOptions(ACCOUNT, CONV), conversationsHeadQueryOptions(ACCOUNT, "INBOX")]) {
      expect(options.refetchIntervalInBackground).toBe(false);
      expect(typeof options.refetchInterval).toBe("function");
    }
    // Coming back asks the head, and a polled thread (its run skipped where a head vouches for it:
    // client-offline.test.ts); a pushed account's thread is asked by the changes poller.
    expect(conversationsHeadQueryOptions(ACCOUNT, "INBOX").refetchOnWindowFocus).toBe(true);
    expect(messagesSinceQueryOptions(ACCOUNT, CONV, { pushed: false, rowShowsNews: true }).refetchOnWindowFocus).toBe(true);
    expect(messagesSinceQueryOptions(ACCOUNT, CONV, { pushed: true, rowShowsNews: true }).refetchOnWindowFocus).toBe(false);
    expect(messagesSinceQueryOptions(ACCOUNT, CONV, { pushed: true, rowShowsNews: true }).refetchOnReconnect).toBe(false);
  });
});

describe("one question per account: the head tells the open thread when to ask", () => {

  async function openThread(client: QueryClient) {
    await client.fetchInfiniteQuery(conversationsInfiniteOptions(ACCOUNT, "INBOX"));
    await client.fetchInfiniteQuery(messagesInfiniteOptions(ACCOUNT, CONV));
    // The open thread's `since` poller, watched (as ThreadView does), on a provider whose rows show news.
    const observer = new QueryObserver(client, { ...messagesSinceQueryOptions(ACCOUNT, CONV, { pushed: false, rowShowsNews: true }), refetchInterval: false });
    const unsubscribe = observer.subscribe(() => undefined);
    later();
    return unsubscribe;
  }

  it("asks the open thread for new messages only when its row moved past the thread's newest message", async () => {
    let row = lastAt(CONV, msg(2).sentAt);
    handler = (url) => {
      if (url.pathname.endsWith("/messages")) return { messages: url.searchParams.get("since") ? [msg(3), msg(2)] : [msg(2), msg(1)], nextCursor: null };
      return { conversations: [row, conv("other")], nextCursor: null };
    };
    const client = newClient();
    const unsubscribe = await openThread(client);
    const sinceCalls = () => calls.filter((u) => u.searchParams.get("since") !== null).length;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
    // The head is polling (InboxList watches it): its previous answer must not vouch against its news.
    const stopHead = new QueryObserver(client, { ...conversationsHeadQueryOptions(ACCOUNT, "INBOX"), refetchInterval: false, refetchOnMount: false }).subscribe(() => undefined);

    await client.fetchQuery(conversationsHeadQueryOptions(ACCOUNT, "INBOX"));
    await settle();
    expect(sinceCalls()).toBe(0);

    row = lastAt(CONV, msg(3).sentAt);
    later();
    await client.fetchQuery(conversationsHeadQueryOptions(ACCOUNT, "INBOX"));
    await settle();
    expect(sinceCalls()).toBe(1);
    expect(flattenMessages(client.getQueryData(queryKeys.messages(ACCOUNT, CONV))).map((m) => m.id)).toEqual(["m3", "m2", "m1"]);
    stopHead();
    unsubscribe();
  });

  it("skips the thread's own safety check while a polling head answered with its row no newer than the thread", async () => {
    let rows = [lastAt(CONV, msg(2).sentAt), conv("other")];
    handler = (url) => {
      if (url.pathname.endsWith("/messages")) return { messages: [msg(2), msg(1)], nextCursor: null };
      return { conversations: rows, nextCursor: null };
    };
    const client = newClient();
    const unsubscribe = await openThread(client);
    // Its first run (skipped: the thread has just loaded) is behind it.
    await vi.waitFor(() => expect(client.getQueryState(queryKeys.messagesSince(ACCOUNT, CONV))?.dataUpdateCount).toBe(1));
    const sinceCalls = () => calls.filter((u) => u.searchParams.get("since") !== null).length;
    const safetyCheck = (watch = { pushed: false, rowShowsNews: true }) => client.fetchQuery({ ...messagesSinceQueryOptions(ACCOUNT, CONV, watch), staleTime: 0 });
    const pollHead = () => client.fetchQuery({ ...conversationsHeadQueryOptions(ACCOUNT, "INBOX"), staleTime: 0 });

    // A head nobody watches any more (the rep left that category) vouches for nothing.
    await pollHead();
    await safetyCheck();
    expect(sinceCalls()).toBe(1);

    const stopHead = new QueryObserver(client, { ...conversationsHeadQueryOptions(ACCOUNT, "INBOX"), refetchInterval: false, refetchOnMount: false }).subscribe(() => undefined);
    await safetyCheck();
    expect(sinceCalls()).toBe(1);
    // Not for a provider whose rows cannot show a new message (Linked API's people), nor by default.
    await safetyCheck({ pushed: false, rowShowsNews: false });
    await client.fetchQuery({ ...messagesSinceQueryOptions(ACCOUNT, CONV), staleTime: 0 });
    expect(sinceCalls()).toBe(3);

    // An ask for news (a reply just sent, read back) is never answered by vouching, whatever the rows
    // say. (The query runs the options it was last fetched with: the vouching ones again.)
    await safetyCheck();
    expect(sinceCalls()).toBe(3);
    askOpenThreads(client, ACCOUNT, [{ conversationId: CONV, sentAt: msg(2).sentAt + 1 }]);
    await vi.waitFor(() => expect(sinceCalls()).toBe(4));
    await vi.waitFor(() => expect(client.getQueryState(queryKeys.messagesSince(ACCOUNT, CONV))?.fetchStatus).toBe("idle"));
    await safetyCheck();
    expect(sinceCalls()).toBe(4);

    // Nor for long: 5 minutes after its last read of its own the thread reads, head or not.
    for (let minute = 1; minute <= 5; minute++) {
      vi.setSystemTime(Date.now() + 60_000);
      await pollHead();
      await safetyCheck();
      expect(sinceCalls()).toBe(minute < 5 ? 4 : 5);
    }
    await safetyCheck();
    expect(sinceCalls()).toBe(5);

    // The head last answered over a minute ago: the thread asks again.
    vi.setSystemTime(Date.now() + 61_000);
    await safetyCheck();
    expect(sinceCalls()).toBe(6);

    // The head's answer no longer holds the thread (a small category it left; or newer rows above
    // it), though the loaded list still shows its row near the top: the thread asks.
    rows = [conv("other")];
    later();
    await pollHead();
    await safetyCheck();
    expect(sinceCalls()).toBe(7);

    // Any head showing the row newer than the thread: news, whatever another head says.
    rows = [lastAt(CONV, msg(2).sentAt)];
    later();
    await pollHead();
    client.setQueryData<PollResult>(queryKeys.conversationsHead(ACCOUNT, "UNREAD"), { polledAt: Date.now() - 30_000, received: 1, errorsBefore: 0, newestAt: null, checkedAt: null, rowSentAt: { [CONV]: msg(3).sentAt } });
    await safetyCheck();
    expect(sinceCalls()).toBe(8);
    stopHead();
    unsubscribe();
  });

  it("keeps an ask until a read succeeds, and reads again after a read that began before the ask", async () => {
    let failing = false;
    let hold: Promise<void> | null = null;
    handler = async (url) => {
      if (!url.pathname.endsWith("/messages")) return { conversations: [lastAt(CONV, msg(2).sentAt)], nextCursor: null };
      if (url.searchParams.get("since") === null) return { messages: [msg(2), msg(1)], nextCursor: null };
      if (hold !== null) await hold;
      if (failing) return new Response(JSON.stringify({ error: { code: "upstream_unavailable", message: "down" } }), { status: 502 });
      return { messages: [msg(2)], nextCursor: null };
    };
    const client = newClient();
    const unsubscribe = await openThread(client);
    await vi.waitFor(() => expect(client.getQueryState(queryKeys.messagesSince(ACCOUNT, CONV))?.dataUpdateCount).toBe(1));
    const stopHead = new QueryObserver(client, { ...conversationsHeadQueryOptions(ACCOUNT, "INBOX"), refetchInterval: false, refetchOnMount: false }).subscribe(() => undefined);
    await client.fetchQuery({ ...conversationsHeadQueryOptions(ACCOUNT, "INBOX"), staleTime: 0 });
    const sinceKey = queryKeys.messagesSince(ACCOUNT, CONV);
    const sinceCalls = () => calls.filter((u) => u.searchParams.get("since") !== null).length;
    const idle = () => vi.waitFor(() => expect(client.getQueryState(sinceKey)?.fetchStatus).toBe("idle"));
    const safetyCheck = () => client.refetchQueries({ queryKey: sinceKey, exact: true }).catch(() => undefined);

    await safetyCheck();
    expect(sinceCalls()).toBe(0);

    // The read the ask started fails: the next run still owes it a read, whatever the head says.
    failing = true;
    askOpenThreads(client, ACCOUNT, [{ conversationId: CONV, sentAt: msg(2).sentAt + 1 }]);
    await vi.waitFor(() => expect(client.getQueryState(sinceKey)?.status).toBe("error"));
    failing = false;
    await safetyCheck();
    expect(sinceCalls()).toBe(2);
    await safetyCheck();
    expect(sinceCalls()).toBe(2);

    // An ask while a read that began before it is under way (one that never vouches, held at the
    // provider): one more read once that one is done.
    let release = () => undefined as void;
    hold = new Promise<void>((resolve) => (release = resolve));
    void client.fetchQuery({ ...messagesSinceQueryOptions(ACCOUNT, CONV), staleTime: 0 });
    await vi.waitFor(() => expect(sinceCalls()).toBe(3));
    askOpenThreads(client, ACCOUNT, [{ conversationId: CONV, sentAt: msg(2).sentAt + 2 }]);
    hold = null;
    release();
    await vi.waitFor(() => expect(sinceCalls()).toBe(4));
    await idle();
    stopHead();
    unsubscribe();
  });

  /** The first `limit` rows of an inbox whose rows are `top`, a cursor where more are below. */
  const inboxPage = (top: Conversation[], url: URL) => {
    const limit = Number(url.searchParams.get("limit") ?? 20);
    return { conversations: top.slice(0, limit), nextCursor: top.length > limit ? "more" : null };
  };

  it("back after a busy while (every row of the full page changed too), the list starts again from that page: nothing stale stays below it", async () => {
    let top: Conversation[] = Array.from({ length: 20 }, (_, i) => lastAt(`c${i}`, 1_000 - i));
    handler = (url) => inboxPage(top, url);
    const client = newClient();
    await client.fetchInfiniteQuery(conversationsInfiniteOptions(ACCOUNT, "INBOX"));
    // Overnight: 25 conversations wrote, and c3 too, which now ranks below the full page.
    top = [...Array.from({ length: 25 }, (_, i) => lastAt(`new${i}`, 3_000 - i)), lastAt("c3", 1_500), ...top.filter((c) => c.id !== "c3")];
    later();
    calls.length = 0;
    await client.fetchQuery(conversationsHeadQueryOptions(ACCOUNT, "INBOX"));
    expect(calls.map((u) => u.searchParams.get("limit"))).toEqual([String(HEAD_LIMIT), "20"]);
    const list = client.getQueryData<ConversationPages>(queryKeys.conversations(ACCOUNT, "INBOX"))!;
    expect(flattenConversations(list).map((c) => c.id)).toEqual(Array.from({ length: 20 }, (_, i) => `new${i}`));
    // Load more goes on from the fresh page (where c3 comes, with its new message).
    expect(list.pages.map((p) => p.nextCursor)).toEqual(["more"]);
  });

  it("asks the smallest page that says what changed, and a full page only when all of it changed", async () => {
    let top: Conversation[] = Array.from({ length: 20 }, (_, i) => lastAt(`c${i}`, 1_000 - i));
    handler = (url) => inboxPage(top, url);
    const client = newClient();
    await client.fetchInfiniteQuery(conversationsInfiniteOptions(ACCOUNT, "INBOX"));
    later();
    await client.fetchQuery(conversationsHeadQueryOptions(ACCOUNT, "INBOX"));
    expect(calls.slice(1).map((u) => u.searchParams.get("limit"))).toEqual([String(HEAD_LIMIT)]);

    // Ten new conversations at once: the small page is all new, so the head asks for a full one.
    top = [...Array.from({ length: 10 }, (_, i) => lastAt(`new${i}`, 2_000 - i)), ...top];
    later();
    calls.length = 0;
    await client.fetchQuery(conversationsHeadQueryOptions(ACCOUNT, "INBOX"));
    expect(calls.map((u) => u.searchParams.get("limit"))).toEqual([String(HEAD_LIMIT), "20"]);
    expect(flattenConversations(client.getQueryData(queryKeys.conversations(ACCOUNT, "INBOX"))).slice(0, 11).map((c) => c.id)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `new${i}`),
      "c0",
    ]);
  });
});

describe("a pushed account: its webhooks' news from our database, the provider asked only about that", () => {
  const OTHER = "urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA,other)";
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  /** The inbox and CONV's thread loaded, its pushed pollers watched (their timers off), and the clock moved on. */
  async function openPushedThread() {
    const client = newClient();
    await client.fetchInfiniteQuery(conversationsInfiniteOptions(ACCOUNT, "INBOX"));
    await client.fetchInfiniteQuery(messagesInfiniteOptions(ACCOUNT, CONV));
    const watched = [
      new QueryObserver(client, { ...messagesSinceQueryOptions(ACCOUNT, CONV, { pushed: true, rowShowsNews: true }), refetchInterval: false }),
      new QueryObserver(client, { ...conversationsHeadQueryOptions(ACCOUNT, "INBOX", true), refetchInterval: false }),
    ].map((observer) => observer.subscribe(() => undefined));
    await settle();
    later();
    return { client, watched };
  }

  it("asks the changes since the inbox was read, then since each answer; the heads and the open thread only for what moved", async () => {
    let rows = [lastAt(CONV, msg(2).sentAt), lastAt(OTHER, 500)];
    let changes: { conversationId: string; sentAt: number }[] = [];
    handler = (url) => {
      if (url.pathname.endsWith("/changes")) return { changes, checkedAt: Date.now() };
      if (url.pathname.endsWith("/messages")) return { messages: url.searchParams.get("since") ? [msg(3), msg(2)] : [msg(2), msg(1)], nextCursor: null };
      return { conversations: rows, nextCursor: null, meta: { checkedAt: 900_000 } };
    };
    const { client, watched } = await openPushedThread();
    calls.length = 0;
    const providerReads = () => calls.filter((u) => !u.pathname.endsWith("/changes"));

    // Nothing announced: one question to our database, none to the provider.
    await client.fetchQuery(changesQueryOptions(ACCOUNT));
    expect(calls.map((u) => u.pathname.split("/").pop())).toEqual(["changes"]);
    expect(calls[0]!.searchParams.get("since")).toBe("900000");

    // A message the loaded inbox already shows (an overlapping answer): still nothing upstream.
    changes = [{ conversationId: OTHER, sentAt: 500 }];
    later();
    await client.refetchQueries({ queryKey: queryKeys.changes(ACCOUNT) });
    await settle();
    expect(calls[1]!.searchParams.get("since")).toBe(String(Date.now() - 5_000));
    expect(providerReads()).toEqual([]);

    // News in the open thread: its `since` read and the inbox head, once each.
    rows = [lastAt(CONV, msg(3).sentAt), lastAt(OTHER, 500)];
    changes = [{ conversationId: CONV, sentAt: msg(3).sentAt }, { conversationId: CONV, sentAt: msg(3).sentAt }];
    later();
    await client.refetchQueries({ queryKey: queryKeys.changes(ACCOUNT) });
    await settle();
    expect(providerReads().map((u) => (u.searchParams.get("since") !== null ? "since" : "head"))).toEqual(["head", "since"]);
    expect(flattenMessages(client.getQueryData(queryKeys.messages(ACCOUNT, CONV))).map((m) => m.id)).toEqual(["m3", "m2", "m1"]);
    expect(flattenConversations(client.getQueryData(queryKeys.conversations(ACCOUNT, "INBOX")))[0]!.lastMessage!.sentAt).toBe(msg(3).sentAt);

    // The same news again (the next answer overlaps this one): nothing more upstream.
    later();
    await client.refetchQueries({ queryKey: queryKeys.changes(ACCOUNT) });
    await settle();
    expect(providerReads()).toHaveLength(2);
    watched.forEach((unsubscribe) => unsubscribe());
  });

  it("news asks no reader that is failing sooner than its backoff: a provider that is down is not pressed once per webhook", async () => {
    handler = (url) => {
      if (url.pathname.endsWith("/changes")) return { changes: [{ conversationId: CONV, sentAt: msg(9).sentAt }], checkedAt: Date.now() };
      if (url.pathname.endsWith("/messages") && url.searchParams.get("since") === null) return { messages: [msg(2), msg(1)], nextCursor: null };
      if (url.pathname.endsWith("/messages")) return new Response(JSON.stringify({ error: { code: "upstream_unavailable", message: "down" } }), { status: 502 });
      return { conversations: [lastAt(CONV, msg(2).sentAt)], nextCursor: null, meta: { checkedAt: 900_000 } };
    };
    const { client, watched } = await openPushedThread();
    const threadReads = () => calls.filter((u) => u.pathname.endsWith("/messages") && u.searchParams.get("since") !== null).length;
    // The first news: the thread asks, and fails.
    await client.fetchQuery(changesQueryOptions(ACCOUNT));
    await settle();
    expect(threadReads()).toBe(1);
    // More news a few seconds later, within the thread's backoff: it is not asked again.
    vi.setSystemTime(Date.now() + 2_000);
    await client.refetchQueries({ queryKey: queryKeys.changes(ACCOUNT) });
    await settle();
    expect(threadReads()).toBe(1);
    // Past its backoff, news asks it again.
    vi.setSystemTime(Date.now() + 60_000);
    await client.refetchQueries({ queryKey: queryKeys.changes(ACCOUNT) });
    await settle();
    expect(threadReads()).toBe(2);
    watched.forEach((unsubscribe) => unsubscribe());
  });

  it("polls the provider itself only as a slow safety net, and our database quickly", () => {
    // The wait a poller sets after a successful answer.
    const interval = (options: ReturnType<typeof changesQueryOptions>) => {
      const client = newClient();
      client.setQueryData(options.queryKey, { polledAt: Date.now(), received: 0, errorsBefore: 0, newestAt: null, checkedAt: Date.now() });
      const query = client.getQueryCache().find<PollResult>({ queryKey: options.queryKey, exact: true })!;
      const { refetchInterval } = options;
      return typeof refetchInterval === "function" ? refetchInterval(query) : refetchInterval;
    };
    expect(interval(conversationsHeadQueryOptions(ACCOUNT, "INBOX", true))).toBeGreaterThanOrEqual(4 * 60_000);
    expect(interval(messagesSinceQueryOptions(ACCOUNT, CONV, { pushed: true, rowShowsNews: true }))).toBeGreaterThanOrEqual(4 * 60_000);
    expect(interval(changesQueryOptions(ACCOUNT))).toBeLessThanOrEqual(PACE_MS.active.changes * 1.1 + 1);
    expect(interval(conversationsHeadQueryOptions(ACCOUNT, "INBOX"))).toBeLessThanOrEqual(PACE_MS.idle.head * 1.1 + 1);
  });

  it("a pushed account's read that failed tries again at the account's pace, not in 5 minutes: its news is not announced again", () => {
    // The wait a poller sets after a failed answer (the first failure, so no backoff beyond the pace).
    const intervalAfterFailure = (options: ReturnType<typeof changesQueryOptions>) => {
      const client = newClient();
      client.setQueryData(options.queryKey, { polledAt: Date.now(), received: 0, errorsBefore: 0, newestAt: null, checkedAt: Date.now() });
      const query = client.getQueryCache().find<PollResult>({ queryKey: options.queryKey, exact: true })!;
      query.setState({ error: new Error("upstream_error"), errorUpdatedAt: Date.now(), fetchFailureCount: 1 });
      const { refetchInterval } = options;
      return typeof refetchInterval === "function" ? refetchInterval(query) : refetchInterval;
    };
    expect(intervalAfterFailure(conversationsHeadQueryOptions(ACCOUNT, "INBOX", true))).toBeLessThanOrEqual(60_000);
    expect(intervalAfterFailure(messagesSinceQueryOptions(ACCOUNT, CONV, { pushed: true, rowShowsNews: true }))).toBeLessThanOrEqual(60_000);
  });
});

describe("the rep back from idle", () => {
  it("asks the inbox head at once, as a tab shown again does; touches while active ask nothing", async () => {
    vi.stubGlobal("window", new EventTarget());
    handler = () => ({ conversations: [conv("a")], nextCursor: null, meta: { checkedAt: Date.now() } });
    const client = newClient();
    await client.fetchInfiniteQuery(conversationsInfiniteOptions(ACCOUNT, "INBOX"));
    const head = new QueryObserver(client, { ...conversationsHeadQueryOptions(ACCOUNT, "INBOX"), refetchInterval: false });
    const unsubscribe = head.subscribe(() => undefined);
    const stop = trackActivity(() => client.getQueryCache().onFocus());
    const touch = async (event: string) => {
      window.dispatchEvent(new Event(event));
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    try {
      await touch("pointerdown");
      later();
      await touch("keydown");
      expect(calls).toHaveLength(1);

      vi.setSystemTime(Date.now() + ACTIVE_MS);
      await touch("wheel");
      expect(calls).toHaveLength(2);
      expect(calls[1]!.searchParams.get("limit")).toBe(String(HEAD_LIMIT));
      later();
      await touch("pointerdown");
      expect(calls).toHaveLength(2);

      // The window focused again from another app, after a while away: the same.
      vi.setSystemTime(Date.now() + ACTIVE_MS);
      await touch("focus");
      expect(calls).toHaveLength(3);
    } finally {
      stop();
      unsubscribe();
    }
  });
});

describe("the pace table", () => {
  const now = 10_000_000;
  const quiet = { now, newestMessageAt: now - 60 * 60_000, lastTypedAt: 0 };
  it("is live while the rep types or uses the page with a recent message, active while they use it, idle otherwise", () => {
    expect(paceOf({ ...quiet, newestMessageAt: now - 60_000, lastInteractionAt: now - 30_000 })).toBe("live");
    // Nobody watching: a recent message does not make an untouched tab ask fast.
    expect(paceOf({ ...quiet, newestMessageAt: now - 60_000, lastInteractionAt: 0 })).toBe("idle");
    expect(paceOf({ ...quiet, lastTypedAt: now - 5_000, lastInteractionAt: now - 5_000 })).toBe("live");
    expect(paceOf({ ...quiet, lastInteractionAt: now - 30_000 })).toBe("active");
    expect(paceOf({ ...quiet, lastInteractionAt: now - 10 * 60_000 })).toBe("idle");
    expect(PACE_MS.live.head).toBeLessThan(PACE_MS.active.head);
    expect(PACE_MS.active.head).toBeLessThan(PACE_MS.idle.head);
    // Asking our own database costs no credits: quicker than any provider poll.
    for (const pace of ["live", "active", "idle"] as const) expect(PACE_MS[pace].changes).toBeLessThan(PACE_MS[pace].head);
  });

  it("jitters each wait by at most 10%, the same for the same seed, spread across seeds", () => {
    const delays = Array.from({ length: 200 }, (_, i) => paceDelayMs(PACE_MS.live.head, 1_764_000_000_000 + i * 977));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(shortestDelayMs(PACE_MS.live.head));
    expect(shortestDelayMs(PACE_MS.live.head)).toBe(PACE_MS.live.head * 0.9);
    expect(Math.max(...delays)).toBeLessThanOrEqual(PACE_MS.live.head * 1.1 + 1);
    expect(new Set(delays).size).toBeGreaterThan(100);
    expect(paceDelayMs(PACE_MS.idle.head, 42)).toBe(paceDelayMs(PACE_MS.idle.head, 42));
  });
});
