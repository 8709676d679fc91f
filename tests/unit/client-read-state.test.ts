import { environmentManager, InfiniteQueryObserver, QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadResponseSchemas } from "@/lib/client/fetch-json";
import { flattenConversations } from "@/lib/client/merge-inbox";
import { conversationsHeadQueryOptions, conversationsInfiniteOptions } from "@/lib/client/queries";
import { queryKeys } from "@/lib/client/query-keys";
import { markRead, markUnread } from "@/lib/client/read-state";

/** The server as the marks reach it: whichever request it applies last decides (PUT read, DELETE unread). */
let applied: string[] = [];
let putDelayMs = 0;
let deleteDelayMs = 0;
/** Inbox reads (first page or head), and one held until released. */
let inboxReads = 0;
let holdInbox: Promise<void> | undefined;
/** When set, the inbox's next page is held until it settles, then answered (otherwise it fails). */
let holdNextPage: Promise<void> | undefined;
/** When set, the server refuses every mark (a 502 its retries meet too). */
let marksFail = false;

beforeAll(async () => {
  environmentManager.setIsServer(() => false);
  await loadResponseSchemas();
});
afterAll(() => environmentManager.setIsServer(() => true));
beforeEach(() => {
  applied = [];
  putDelayMs = 0;
  deleteDelayMs = 0;
  inboxReads = 0;
  holdInbox = undefined;
  holdNextPage = undefined;
  marksFail = false;
  vi.useFakeTimers({ now: 1_764_000_000_000 });
  vi.stubGlobal("fetch", async (input: string, init: RequestInit = {}) => {
    const method = init.method ?? "GET";
    if (method === "GET") {
      // The inbox: its first page, and a next page that fails.
      if (new URL(input, "http://app.test").searchParams.has("cursor")) {
        if (holdNextPage) {
          await holdNextPage;
          const older = { id: "older", participant: { name: "Bo" }, lastMessage: { text: "Yo", sentAt: 0, fromMe: false }, unreadCount: 0, type: "normal" };
          return new Response(JSON.stringify({ conversations: [older], nextCursor: null }), { status: 200, headers: { "content-type": "application/json" } });
        }
        return new Response(JSON.stringify({ error: { code: "upstream_error", message: "LinkedIn is unavailable." } }), { status: 502, headers: { "content-type": "application/json" } });
      }
      inboxReads++;
      if (holdInbox) await holdInbox;
      const row = { id: "conv", participant: { name: "Ada" }, lastMessage: { text: "Hi", sentAt: 1, fromMe: false }, unreadCount: 1, type: "normal" };
      return new Response(JSON.stringify({ conversations: [row], nextCursor: "p2" }), { status: 200, headers: { "content-type": "application/json" } });
    }
    if (marksFail) return new Response(JSON.stringify({ error: { code: "upstream_error", message: "Down." } }), { status: 502, headers: { "content-type": "application/json" } });
    if (method === "PUT") await new Promise((resolve) => setTimeout(resolve, putDelayMs));
    if (method === "DELETE") await new Promise((resolve) => setTimeout(resolve, deleteDelayMs));
    applied.push(method);
    return new Response(JSON.stringify({ conversationId: "conv", readThrough: method === "PUT" ? 1 : null }), { status: 200, headers: { "content-type": "application/json" } });
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("read marks", () => {
  it("reach the server in the order the rep made them: a slow read mark cannot undo the unread mark after it", async () => {
    const client = new QueryClient();
    putDelayMs = 500;
    const read = markRead(client, "acc", "conv", 1);
    const unread = markUnread(client, "acc", "conv");
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all([read, unread]);
    expect(applied).toEqual(["PUT", "DELETE"]);
  });

  it("a read mark kept after a later unread mark does not show itself again over it", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const inbox = new InfiniteQueryObserver(client, conversationsInfiniteOptions("acc", "INBOX"));
    const unsubscribe = inbox.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(10);
    putDelayMs = 500;
    deleteDelayMs = 1_000;
    const read = markRead(client, "acc", "conv", 1);
    const unread = markUnread(client, "acc", "conv");
    const unreadCounts = () => flattenConversations(inbox.getCurrentResult().data).map((row) => row.unreadCount);
    await vi.advanceTimersByTimeAsync(10);
    expect(unreadCounts()).toEqual([1]);
    // The read mark is kept (its PUT answered); the unread one is still on its way.
    await vi.advanceTimersByTimeAsync(600);
    expect(applied).toEqual(["PUT"]);
    expect(unreadCounts()).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all([read, unread]);
    expect(unreadCounts()).toEqual([1]);
    unsubscribe();
  });

  it("in Unread, a row read (and so dropped) comes back at once when its thread marks it unread, without waiting for the next inbox answer", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const unreadList = new InfiniteQueryObserver(client, conversationsInfiniteOptions("acc", "UNREAD"));
    const unsubscribe = unreadList.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(10);
    const listed = () => flattenConversations(unreadList.getCurrentResult().data);
    const row = listed()[0];
    expect(row?.id).toBe("conv");
    const read = markRead(client, "acc", "conv", 1);
    await vi.advanceTimersByTimeAsync(10);
    await read;
    expect(listed()).toEqual([]);
    const reads = inboxReads;
    deleteDelayMs = 1_000;
    const unread = markUnread(client, "acc", "conv", row);
    // Before the server has it.
    await vi.advanceTimersByTimeAsync(0);
    expect(applied).toEqual(["PUT"]);
    expect(listed().map((r) => [r.id, r.unreadCount])).toEqual([["conv", 1]]);
    await vi.advanceTimersByTimeAsync(1_000);
    await unread;
    // Shown once, after the server kept the mark too; no inbox read was needed for it.
    expect(listed().map((r) => r.id)).toEqual(["conv"]);
    expect(inboxReads).toBe(reads);
    unsubscribe();
  });

  it("a row marked unread goes back into the Unread list only, not into a search of Unread it did not match", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const bob = { id: "bob", participant: { name: "Bob" }, lastMessage: { text: "Hi", sentAt: 5, fromMe: false }, unreadCount: 1, type: "normal" as const };
    const acme = { ...bob, id: "acme", participant: { name: "Acme" } };
    const searchKey = queryKeys.conversationSearch("acc", "UNREAD", "bob");
    client.setQueryData(searchKey, { pages: [{ conversations: [bob], nextCursor: null }], pageParams: [null] });
    client.setQueryData(queryKeys.conversations("acc", "UNREAD"), { pages: [{ conversations: [bob], nextCursor: null }], pageParams: [null] });
    const unread = markUnread(client, "acc", "acme", acme);
    await vi.advanceTimersByTimeAsync(100);
    await unread;
    const idsIn = (key: readonly unknown[]) => flattenConversations(client.getQueryData(key)).map((row) => row.id);
    expect(idsIn(searchKey)).toEqual(["bob"]);
    expect(idsIn(queryKeys.conversations("acc", "UNREAD")).sort()).toEqual(["acme", "bob"]);
  });

  it("another conversation's mark does not wait for this one's", async () => {
    const client = new QueryClient();
    putDelayMs = 500;
    void markRead(client, "acc", "conv", 1);
    void markUnread(client, "acc", "other");
    await vi.advanceTimersByTimeAsync(10);
    expect(applied).toEqual(["DELETE"]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(applied).toEqual(["DELETE", "PUT"]);
  });

  it("a head answer on its way when the mark is made is cancelled (it was read before the mark), and asked again once the mark is kept", async () => {
    const client = new QueryClient();
    let heads = 0;
    const head = new QueryObserver(client, {
      queryKey: queryKeys.conversationsHead("acc", "INBOX"),
      queryFn: async ({ signal }) => {
        heads++;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        if (signal.aborted) throw new Error("cancelled");
        return heads;
      },
    });
    const unsubscribe = head.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(10);
    expect(heads).toBe(1);
    const read = markRead(client, "acc", "conv", 1);
    await vi.advanceTimersByTimeAsync(1_500);
    await read;
    expect(heads).toBe(2);
    expect(head.getCurrentResult().data).toBe(2);

    // No head on its way: the mark asks nothing more of the provider.
    const unread = markUnread(client, "acc", "conv");
    await vi.advanceTimersByTimeAsync(1_500);
    await unread;
    expect(heads).toBe(2);
    unsubscribe();
  });

  it("a mark leaves an inbox whose next page failed failed: its Retry stays, nothing asks for that page again", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const inbox = new InfiniteQueryObserver(client, conversationsInfiniteOptions("acc", "INBOX"));
    const unsubscribe = inbox.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(10);
    await inbox.fetchNextPage();
    expect(inbox.getCurrentResult().isFetchNextPageError).toBe(true);

    const read = markRead(client, "acc", "conv", 1);
    await vi.advanceTimersByTimeAsync(10);
    await read;
    expect(flattenConversations(inbox.getCurrentResult().data).map((row) => row.unreadCount)).toEqual([0]);
    expect(inbox.getCurrentResult().isFetchNextPageError).toBe(true);
    unsubscribe();
  });

  it("a next page on its way when the mark is made does not undo it when it lands (it lands on the pages as they were when asked)", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const inbox = new InfiniteQueryObserver(client, conversationsInfiniteOptions("acc", "INBOX"));
    const unsubscribe = inbox.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(10);
    let release: () => void = () => undefined;
    holdNextPage = new Promise<void>((resolve) => (release = resolve));
    const nextPage = inbox.fetchNextPage();
    await vi.advanceTimersByTimeAsync(10);

    const read = markRead(client, "acc", "conv", 1);
    await vi.advanceTimersByTimeAsync(10);
    expect(flattenConversations(inbox.getCurrentResult().data).map((row) => [row.id, row.unreadCount])).toEqual([["conv", 0]]);
    release();
    await vi.advanceTimersByTimeAsync(10);
    await Promise.all([nextPage, read]);
    expect(flattenConversations(inbox.getCurrentResult().data).map((row) => [row.id, row.unreadCount])).toEqual([["conv", 0], ["older", 0]]);
    unsubscribe();
  });

  it("the head asked again after a mark reads the provider: the mark's write does not make the inbox look just loaded", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const inbox = new InfiniteQueryObserver(client, conversationsInfiniteOptions("acc", "INBOX"));
    const unsubscribes = [inbox.subscribe(() => undefined)];
    await vi.advanceTimersByTimeAsync(3_000);
    expect(inboxReads).toBe(1);
    let release: () => void = () => undefined;
    holdInbox = new Promise<void>((resolve) => (release = resolve));
    unsubscribes.push(new QueryObserver(client, conversationsHeadQueryOptions("acc", "INBOX")).subscribe(() => undefined));
    await vi.advanceTimersByTimeAsync(10);
    expect(inboxReads).toBe(2);

    holdInbox = undefined;
    const read = markRead(client, "acc", "conv", 1);
    await vi.advanceTimersByTimeAsync(100);
    await read;
    release();
    await vi.advanceTimersByTimeAsync(100);
    expect(inboxReads).toBe(3);
    for (const unsubscribe of unsubscribes) unsubscribe();
  });

  it("a mark the server did not keep is not left on screen until the next poll: the inbox head asks at once, and the caller hears of it", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const inbox = new InfiniteQueryObserver(client, conversationsInfiniteOptions("acc", "INBOX"));
    const unsubscribes = [inbox.subscribe(() => undefined)];
    await vi.advanceTimersByTimeAsync(3_000);
    unsubscribes.push(new QueryObserver(client, conversationsHeadQueryOptions("acc", "INBOX")).subscribe(() => undefined));
    await vi.advanceTimersByTimeAsync(10);
    const reads = inboxReads;
    marksFail = true;
    const read = markRead(client, "acc", "conv", 1).then(
      () => "kept",
      () => "refused",
    );
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await read).toBe("refused");
    expect(inboxReads).toBe(reads + 1);
    // The head's answer (the server's marks) is what the list shows: still unread.
    expect(flattenConversations(inbox.getCurrentResult().data).map((row) => [row.id, row.unreadCount])).toEqual([["conv", 1]]);
    for (const unsubscribe of unsubscribes) unsubscribe();
  });
});
