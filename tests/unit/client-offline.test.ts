import { environmentManager, focusManager, InfiniteQueryObserver, onlineManager, QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Conversation, Message } from "@/lib/contracts/api";
import { loadResponseSchemas } from "@/lib/client/fetch-json";
import { PACE_MS } from "@/lib/client/poll-pace";
import {
  conversationsHeadQueryOptions,
  conversationsInfiniteOptions,
  HEAD_LIMIT,
  messagesInfiniteOptions,
} from "@/lib/client/queries";
import { messagesSinceQueryOptions } from "@/lib/client/thread-poll";

/**
 * Offline, as the browser reports it to TanStack's onlineManager: nothing is fetched, nothing on
 * screen changes, and back online the inbox head catches up exactly once, the open thread once if
 * (and only if) its row moved meanwhile, the histories not at all.
 */

const ACCOUNT = "acc";
const CONV = "conv";

function msg(n: number): Message {
  return { id: `m${n}`, text: `message ${n}`, sentAt: 1_000 + n, sender: { name: "Ada" }, fromMe: false, type: "text", attachments: [], reactions: [] };
}
/** The open conversation's row, its last message the thread's newest (`n`). */
function row(n: number): Conversation {
  return { id: CONV, participant: { name: "Ada" }, lastMessage: { text: `message ${n}`, sentAt: 1_000 + n, fromMe: false }, unreadCount: 0, type: "normal" };
}
const jsonResponse = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });

type Call = "history" | "since" | "inbox" | "head" | "wide";
const calls: Call[] = [];
/** Simulates the browser's network: while false, every fetch fails as it does offline. */
let network = true;
/** A head poll held in flight until released (to go offline in the middle of one). */
let holdHead: Promise<void> | undefined;
/** The head answers with a small page where every row is new (so the poll asks for a full page), and the browser goes offline as that answer arrives. */
let offlineAfterNewHead = false;
/** The inbox's first load and its head poll ask for the same path: the first one is the load. */
let inboxLoaded = false;
/** The newest message in the thread, as the provider has it. */
let newest = 2;

beforeAll(async () => {
  environmentManager.setIsServer(() => false);
  // As a page does once idle: a module loads on real time, which fake timers never advance.
  await loadResponseSchemas();
});
afterAll(() => environmentManager.setIsServer(() => true));
beforeEach(() => {
  calls.length = 0;
  network = true;
  holdHead = undefined;
  offlineAfterNewHead = false;
  inboxLoaded = false;
  newest = 2;
  onlineManager.setOnline(true);
  vi.useFakeTimers({ now: 1_764_000_000_000 });
  vi.stubGlobal("fetch", async (input: string) => {
    const url = new URL(input, "http://app.test");
    const isMessages = url.pathname.endsWith("/messages");
    const since = url.searchParams.get("since") !== null;
    const firstPage = url.searchParams.get("cursor") === null && inboxLoaded;
    const small = url.searchParams.get("limit") === String(HEAD_LIMIT);
    const call: Call = isMessages ? (since ? "since" : "history") : firstPage ? (small ? "head" : "wide") : "inbox";
    if (call === "inbox") inboxLoaded = true;
    calls.push(call);
    if (call === "head" && holdHead) await holdHead;
    if (!network) throw new TypeError("Failed to fetch");
    if (call === "head" && offlineAfterNewHead) {
      network = false;
      onlineManager.setOnline(false);
      return jsonResponse({ conversations: Array.from({ length: HEAD_LIMIT }, (_, i) => ({ ...row(newest), id: `new${i}`, lastMessage: { text: "new", sentAt: 9_000 + i, fromMe: false } })), nextCursor: "p2" });
    }
    if (isMessages) return jsonResponse({ messages: [msg(newest), msg(newest - 1)], nextCursor: since ? null : "older" });
    return jsonResponse({ conversations: [row(newest)], nextCursor: "p2" });
  });
});
afterEach(() => {
  onlineManager.setOnline(true);
  focusManager.setFocused(undefined);
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
  // A few poll cycles at the pace of an inbox with nothing new: the head asks, the thread not.
  await vi.advanceTimersByTimeAsync(3 * PACE_MS.active.head);
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
  it("fetches nothing while offline and catches up once on reconnect: one head poll, one since poll for the moved thread, no history page", async () => {
    const { client, close } = await openInboxAndThread();
    expect(count("head")).toBeGreaterThanOrEqual(2);
    // Its row did not move: the open thread asked nothing.
    expect(count("since")).toBe(0);
    const loaded = client.getQueryData(messagesInfiniteOptions(ACCOUNT, CONV).queryKey);

    network = false;
    onlineManager.setOnline(false);
    calls.length = 0;
    newest = 3;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual([]);
    expect(client.getQueryData(messagesInfiniteOptions(ACCOUNT, CONV).queryKey)).toBe(loaded);

    network = true;
    onlineManager.setOnline(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect([...calls].sort()).toEqual(["head", "since"]);
    expect(count("history") + count("inbox")).toBe(0);
    close();
  });

  it("a hidden tab back online asks nothing (a head read is a credit); it catches up once it is seen again", async () => {
    const { close } = await openInboxAndThread();
    focusManager.setFocused(false);
    network = false;
    onlineManager.setOnline(false);
    calls.length = 0;
    newest = 3;
    await vi.advanceTimersByTimeAsync(10_000);
    network = true;
    onlineManager.setOnline(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual([]);

    focusManager.setFocused(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect([...calls].sort()).toEqual(["head", "since"]);
    close();
  });

  it("a head poll cut off by going offline waits for the network instead of failing, and is the one catch-up", async () => {
    const { head, close } = await openInboxAndThread();
    let release: () => void = () => undefined;
    holdHead = new Promise<void>((resolve) => (release = resolve));
    calls.length = 0;
    await vi.advanceTimersByTimeAsync(PACE_MS.idle.head * 1.2);
    expect(count("head")).toBe(1);

    network = false;
    onlineManager.setOnline(false);
    release();
    holdHead = undefined;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(head.getCurrentResult().isError).toBe(false);
    expect(head.getCurrentResult().fetchStatus).toBe("paused");
    expect(count("head")).toBe(1);

    network = true;
    onlineManager.setOnline(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(count("head")).toBe(2);
    expect(head.getCurrentResult().isSuccess).toBe(true);
    expect(head.getCurrentResult().fetchStatus).toBe("idle");
    close();
  });

  it("a poll whose small page came back just as the browser went offline sends nothing more until it is back (its full page comes with the catch-up)", async () => {
    const { head, close } = await openInboxAndThread();
    offlineAfterNewHead = true;
    calls.length = 0;
    await vi.advanceTimersByTimeAsync(PACE_MS.idle.head * 1.2);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls).toEqual(["head"]);
    expect(head.getCurrentResult().fetchStatus).toBe("paused");

    offlineAfterNewHead = false;
    network = true;
    onlineManager.setOnline(true);
    await vi.advanceTimersByTimeAsync(1_000);
    // (The thread's own safety poll came due meanwhile: it asks too.)
    expect(calls.filter((call) => call !== "since")).toEqual(["head", "head"]);
    expect(head.getCurrentResult().isSuccess).toBe(true);
    close();
  });

  it("a thread no head can vouch for (a Linked API person's, opened from search…) catches up by itself when the tab is seen again; one a head vouches for asks nothing", async () => {
    for (const rowShowsNews of [false, true]) {
      calls.length = 0;
      inboxLoaded = false;
      newest = 2;
      focusManager.setFocused(true);
      const client = new QueryClient();
      client.mount();
      const stops = [
        new InfiniteQueryObserver(client, conversationsInfiniteOptions(ACCOUNT, "INBOX")),
        new InfiniteQueryObserver(client, messagesInfiniteOptions(ACCOUNT, CONV)),
      ].map((o) => o.subscribe(() => undefined));
      await vi.advanceTimersByTimeAsync(100);
      stops.push(new QueryObserver(client, messagesSinceQueryOptions(ACCOUNT, CONV, { pushed: false, rowShowsNews })).subscribe(() => undefined));
      stops.push(new QueryObserver(client, conversationsHeadQueryOptions(ACCOUNT, "INBOX")).subscribe(() => undefined));
      await vi.advanceTimersByTimeAsync(PACE_MS.active.head * 2);
      // Away for three minutes: the head's last answer is older than a thread's own safety read.
      focusManager.setFocused(false);
      await vi.advanceTimersByTimeAsync(3 * 60_000);
      calls.length = 0;
      focusManager.setFocused(true);
      await vi.advanceTimersByTimeAsync(500);
      // Nothing new: the head asks (and would ask the thread had its row moved); the thread reads
      // only where no head can say for it.
      expect([...calls].sort()).toEqual(rowShowsNews ? ["head"] : ["head", "since"]);
      // A message came meanwhile: the thread reads it once either way (asked by the head where its row shows it).
      focusManager.setFocused(false);
      newest = 3;
      await vi.advanceTimersByTimeAsync(3 * 60_000);
      calls.length = 0;
      focusManager.setFocused(true);
      await vi.advanceTimersByTimeAsync(500);
      expect([...calls].sort()).toEqual(["head", "since"]);
      stops.forEach((stop) => stop());
      client.unmount();
      client.clear();
    }
  });
});
