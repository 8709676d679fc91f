import { environmentManager, InfiniteQueryObserver, onlineManager, QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Conversation, Message } from "@/lib/contracts/api";
import {
  conversationsHeadQueryOptions,
  conversationsInfiniteOptions,
  messagesInfiniteOptions,
  messagesSinceQueryOptions,
} from "@/lib/client/queries";

/**
 * Offline, as the browser reports it to TanStack's onlineManager: nothing is fetched, nothing on
 * screen changes, and back online each poller catches up exactly once, the histories not at all.
 */

const ACCOUNT = "acc";
const CONV = "conv";

function msg(n: number): Message {
  return { id: `m${n}`, text: `message ${n}`, sentAt: 1_000 + n, sender: { name: "Ada" }, fromMe: false, type: "text", attachments: [], reactions: [] };
}
function conv(id: string): Conversation {
  return { id, participant: { name: id }, lastMessage: null, unreadCount: 0, type: "normal" };
}
const jsonResponse = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

type Call = "history" | "since" | "inbox" | "head";
const calls: Call[] = [];
/** Simulates the browser's network: while false, every fetch fails as it does offline. */
let network = true;
/** A since poll held in flight until released (to go offline in the middle of one). */
let holdSince: Promise<void> | undefined;
/** The inbox's first load and its head poll ask for the same URL: the first one is the load. */
let inboxLoaded = false;

beforeAll(() => environmentManager.setIsServer(() => false));
afterAll(() => environmentManager.setIsServer(() => true));
beforeEach(() => {
  calls.length = 0;
  network = true;
  holdSince = undefined;
  inboxLoaded = false;
  onlineManager.setOnline(true);
  vi.useFakeTimers({ now: 1_764_000_000_000 });
  vi.stubGlobal("fetch", async (input: string) => {
    const url = new URL(input, "http://app.test");
    const isMessages = url.pathname.endsWith("/messages");
    const since = url.searchParams.get("since") !== null;
    const call: Call = isMessages ? (since ? "since" : "history") : url.searchParams.get("cursor") === null && inboxLoaded ? "head" : "inbox";
    if (call === "inbox") inboxLoaded = true;
    calls.push(call);
    if (call === "since" && holdSince) await holdSince;
    if (!network) throw new TypeError("Failed to fetch");
    if (isMessages) return jsonResponse({ messages: [msg(2), msg(1)], nextCursor: since ? null : "older" });
    return jsonResponse({ conversations: [conv("a"), conv("b")], nextCursor: "p2" });
  });
});
afterEach(() => {
  onlineManager.setOnline(true);
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function openInboxAndThread() {
  const client = new QueryClient();
  client.mount();
  const observers = [
    new InfiniteQueryObserver(client, conversationsInfiniteOptions(ACCOUNT, "INBOX")),
    new InfiniteQueryObserver(client, messagesInfiniteOptions(ACCOUNT, CONV)),
  ];
  const unsubscribes = observers.map((o) => o.subscribe(() => undefined));
  await vi.advanceTimersByTimeAsync(100);
  const since = new QueryObserver(client, messagesSinceQueryOptions(ACCOUNT, CONV));
  const head = new QueryObserver(client, conversationsHeadQueryOptions(ACCOUNT, "INBOX"));
  unsubscribes.push(since.subscribe(() => undefined), head.subscribe(() => undefined));
  // Two normal poll cycles.
  await vi.advanceTimersByTimeAsync(8_500);
  return {
    client,
    since,
    head,
    close: () => {
      unsubscribes.forEach((u) => u());
      client.unmount();
      client.clear();
    },
  };
}

const count = (kind: Call) => calls.filter((c) => c === kind).length;

describe("offline", () => {
  it("fetches nothing while offline and catches up once on reconnect: one since poll, one head poll, no history page", async () => {
    const { client, close } = await openInboxAndThread();
    expect(count("since")).toBe(2);
    expect(count("head")).toBe(2);
    const loaded = client.getQueryData(messagesInfiniteOptions(ACCOUNT, CONV).queryKey);

    network = false;
    onlineManager.setOnline(false);
    calls.length = 0;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual([]);
    expect(client.getQueryData(messagesInfiniteOptions(ACCOUNT, CONV).queryKey)).toBe(loaded);

    network = true;
    onlineManager.setOnline(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect([...calls].sort()).toEqual(["head", "since"]);

    // Then the normal pace again.
    await vi.advanceTimersByTimeAsync(3_500);
    expect(count("since")).toBe(2);
    expect(count("history") + count("inbox")).toBe(0);
    close();
  });

  it("a poll cut off by going offline waits for the network instead of failing, and is the one catch-up", async () => {
    const { since, close } = await openInboxAndThread();
    let release: () => void = () => undefined;
    holdSince = new Promise<void>((resolve) => (release = resolve));
    calls.length = 0;
    await vi.advanceTimersByTimeAsync(4_000);
    expect(count("since")).toBe(1);

    network = false;
    onlineManager.setOnline(false);
    release();
    holdSince = undefined;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(since.getCurrentResult().isError).toBe(false);
    expect(since.getCurrentResult().fetchStatus).toBe("paused");
    expect(count("since")).toBe(1);

    network = true;
    onlineManager.setOnline(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(count("since")).toBe(2);
    expect(since.getCurrentResult().isSuccess).toBe(true);
    expect(since.getCurrentResult().fetchStatus).toBe("idle");
    close();
  });
});
