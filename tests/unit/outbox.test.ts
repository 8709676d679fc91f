import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Message, SendResult } from "@/lib/contracts/api";
import { memoryStorage, type StorageLike } from "@/lib/client/browser-storage";
import { ApiError, InvalidResponseError, NetworkError } from "@/lib/client/errors";
import { createOutbox, FORGET_SENT_MS, PENDING_RECHECK_MAX_MS, PENDING_RECHECK_MS, type Network, type OutboxDeps } from "@/lib/client/outbox";
import { isNotSent, statusLabel, UNCONFIRMED_PATIENCE_MS, type OutboxEntry } from "@/lib/client/outbox-entry";
import { outboxStorageKey, readOutbox, writeOutbox } from "@/lib/client/outbox-storage";

const T = 1_764_000_000_000;
const sentMessage: Message = { id: "li-1", text: "Hello", sentAt: T, sender: { name: "Riley" }, fromMe: true, type: "text", attachments: [], reactions: [] };

/** The browser's connection as TanStack's onlineManager reports it. */
function fakeNetwork(): Network & { set(online: boolean): void } {
  let online = true;
  const listeners = new Set<(online: boolean) => void>();
  return {
    isOnline: () => online,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      online = next;
      for (const listener of listeners) listener(next);
    },
  };
}

type Answer = SendResult | Error;

/** Our API as the outbox sees it: each POST answers the next scripted answer (the last one repeats). */
function fakeApi(...answers: Answer[]) {
  const posts: OutboxEntry[] = [];
  const post = vi.fn(async (entry: OutboxEntry) => {
    posts.push(entry);
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { post, posts };
}

let ids = 0;
function setup(
  api: ReturnType<typeof fakeApi>,
  options: { storage?: StorageLike; network?: ReturnType<typeof fakeNetwork>; onSent?: OutboxDeps["onSent"]; onUnconfirmed?: OutboxDeps["onUnconfirmed"] } = {},
) {
  const network = options.network ?? fakeNetwork();
  const storage = options.storage ?? memoryStorage();
  const outbox = createOutbox("acc", { storage, network, post: api.post, onSent: options.onSent, onUnconfirmed: options.onUnconfirmed, newClientId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, "0")}` });
  outbox.start();
  stops.push(() => outbox.stop());
  return { outbox, network, storage, only: () => outbox.getSnapshot()[0] };
}

const stops: (() => void)[] = [];
beforeEach(() => {
  vi.useFakeTimers({ now: T });
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.useRealTimers();
});

describe("the outbox", () => {
  it("shows a reply at once as sending, then sent, with the message the server named; stored across reloads", async () => {
    const onSent = vi.fn();
    const api = fakeApi({ status: "sent", message: sentMessage });
    const { outbox, storage, only } = setup(api, { onSent });
    outbox.send({ conversationId: "conv", text: "Hello" });
    expect(only()).toMatchObject({ state: "sending", text: "Hello", conversationId: "conv", accountId: "acc" });
    await vi.advanceTimersByTimeAsync(0);
    expect(only()).toMatchObject({ state: "sent", message: sentMessage, mayBeDelivered: true });
    expect(onSent).toHaveBeenCalledWith(expect.objectContaining({ clientId: only()?.clientId, state: "sent" }));
    expect(api.posts).toHaveLength(1);
    expect(readOutbox(storage, "acc")).toEqual(outbox.getSnapshot());
  });

  it("asks again about a pending send every few seconds with the same clientId, until it is sent", async () => {
    const api = fakeApi({ status: "pending", message: null }, { status: "pending", message: null }, { status: "sent", message: null });
    const { outbox, only } = setup(api);
    outbox.send({ conversationId: "conv", text: "Hello" });
    await vi.advanceTimersByTimeAsync(0);
    expect(only()?.state).toBe("pending");
    expect(statusLabel(only()!, Date.now(), true)).toBe("Sending…");
    await vi.advanceTimersByTimeAsync(PENDING_RECHECK_MS);
    expect(api.posts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(PENDING_RECHECK_MS);
    expect(only()?.state).toBe("sent");
    await vi.advanceTimersByTimeAsync(10 * PENDING_RECHECK_MS);
    expect(api.posts).toHaveLength(3);
    expect(new Set(api.posts.map((p) => p.clientId)).size).toBe(1);
  });

  it("keeps a pending send pending when our rate limit refuses a recheck, asking again when it says to; a refusal still fails it", async () => {
    const pending: SendResult = { status: "pending", message: null };
    const retryAfterS = 5;
    const api = fakeApi(
      pending,
      new ApiError(429, "rate_limited", "Too many requests: slow down for a moment.", retryAfterS, true),
      new ApiError(429, "rate_limited", "Too many requests: slow down for a moment.", retryAfterS, true),
      { status: "sent", message: null },
    );
    const { outbox, only } = setup(api);
    outbox.send({ conversationId: "conv", text: "Hello" });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(PENDING_RECHECK_MS);
    expect(api.posts).toHaveLength(2);
    expect(only()).toMatchObject({ state: "pending" });
    expect(statusLabel(only()!, Date.now(), true)).toBe("Sending…");
    // Not at the usual pace: after the Retry-After the refusal named.
    await vi.advanceTimersByTimeAsync(retryAfterS * 1000 - 1);
    expect(api.posts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.posts).toHaveLength(3);
    expect(only()).toMatchObject({ state: "pending" });
    await vi.advanceTimersByTimeAsync(retryAfterS * 1000);
    expect(only()?.state).toBe("sent");
    expect(api.posts).toHaveLength(4);

    const refusal = fakeApi(pending, new ApiError(502, "upstream_error", "LinkedIn does not let this account message this person.", undefined, true));
    const second = setup(refusal);
    second.outbox.send({ conversationId: "conv", text: "Hi" });
    await vi.advanceTimersByTimeAsync(PENDING_RECHECK_MS);
    expect(second.only()?.state).toBe("failed");
  });

  it("a pending answer that names a wait (the provider's progress could not be read) is asked about again only after it", async () => {
    const api = fakeApi({ status: "pending", message: null }, { status: "pending", message: null, retryAfter: 10 }, { status: "sent", message: null });
    const { outbox, only } = setup(api);
    outbox.send({ conversationId: "conv", text: "Hello" });
    await vi.advanceTimersByTimeAsync(PENDING_RECHECK_MS);
    expect(api.posts).toHaveLength(2);
    expect(only()?.state).toBe("pending");
    await vi.advanceTimersByTimeAsync(10_000 - 1);
    expect(api.posts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.posts).toHaveLength(3);
    expect(only()?.state).toBe("sent");
  });

  it("waits at most a minute for a Retry-After, however long it names (a proxy's 429 can name hours)", async () => {
    const api = fakeApi({ status: "pending", message: null }, new ApiError(429, "rate_limited", "Too many requests.", 3_600), { status: "sent", message: null });
    const { outbox, only } = setup(api);
    outbox.send({ conversationId: "conv", text: "Hello" });
    await vi.advanceTimersByTimeAsync(PENDING_RECHECK_MS);
    expect(api.posts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(PENDING_RECHECK_MAX_MS - 1);
    expect(api.posts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.posts).toHaveLength(3);
    expect(only()?.state).toBe("sent");
  });

  it("does not ask about a pending send while the tab is hidden, and asks once it is seen again", async () => {
    let hidden = false;
    const api = fakeApi({ status: "pending", message: null }, { status: "sent", message: null });
    const outbox = createOutbox("acc", { storage: memoryStorage(), network: fakeNetwork(), post: api.post, isHidden: () => hidden });
    outbox.start();
    stops.push(() => outbox.stop());
    outbox.send({ conversationId: "conv", text: "Hello" });
    await vi.advanceTimersByTimeAsync(0);
    hidden = true;
    await vi.advanceTimersByTimeAsync(20 * PENDING_RECHECK_MS);
    expect(api.posts).toHaveLength(1);
    hidden = false;
    await vi.advanceTimersByTimeAsync(PENDING_RECHECK_MS);
    expect(api.posts).toHaveLength(2);
    expect(outbox.getSnapshot()[0]?.state).toBe("sent");
  });

  it("keeps a reply written offline queued, and sends it once when the browser is back online", async () => {
    const api = fakeApi({ status: "sent", message: null });
    const network = fakeNetwork();
    network.set(false);
    const { outbox, only } = setup(api, { network });
    outbox.send({ conversationId: "conv", text: "On the train" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(only()?.state).toBe("queued");
    expect(statusLabel(only()!, Date.now(), false)).toBe("Waiting for connection");
    expect(api.posts).toHaveLength(0);
    network.set(true);
    network.set(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(only()?.state).toBe("sent");
    expect(api.posts).toHaveLength(1);
  });

  it("sends a conversation's replies written offline one at a time, oldest first; another conversation's go alongside", async () => {
    const answers: Array<(result: SendResult) => void> = [];
    const posts: string[] = [];
    const post = vi.fn((entry: OutboxEntry) => {
      posts.push(entry.text);
      return new Promise<SendResult>((resolve) => answers.push(resolve));
    });
    const network = fakeNetwork();
    network.set(false);
    const outbox = createOutbox("acc", { storage: memoryStorage(), network, post });
    outbox.start();
    stops.push(() => outbox.stop());
    for (const text of ["1st", "2nd", "3rd"]) outbox.send({ conversationId: "conv", text });
    outbox.send({ conversationId: "other", text: "elsewhere" });
    network.set(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(new Set(posts)).toEqual(new Set(["1st", "elsewhere"]));
    const answerOf = (text: string) => answers[posts.indexOf(text)]?.({ status: "sent", message: null });
    answerOf("1st");
    await vi.advanceTimersByTimeAsync(0);
    expect(posts.slice(2)).toEqual(["2nd"]);
    answerOf("2nd");
    await vi.advanceTimersByTimeAsync(0);
    expect(posts.slice(2)).toEqual(["2nd", "3rd"]);
  });

  it("sends a reply written while an earlier one is still on its way (sending, then pending at a slow provider) only once it is sent", async () => {
    const answers: Array<(result: SendResult) => void> = [];
    const posts: string[] = [];
    const outbox = createOutbox("acc", {
      storage: memoryStorage(),
      network: fakeNetwork(),
      post: (entry) => {
        posts.push(entry.text);
        return new Promise<SendResult>((resolve) => answers.push(resolve));
      },
    });
    outbox.start();
    stops.push(() => outbox.stop());
    outbox.send({ conversationId: "conv", text: "first" });
    outbox.send({ conversationId: "conv", text: "second" });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(posts).toEqual(["first"]);
    expect(outbox.getSnapshot().map((entry) => entry.state)).toEqual(["sending", "sending"]);
    answers.shift()?.({ status: "pending", message: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(posts).toEqual(["first"]);
    // The pending one is asked about again; once it is sent, the next leaves.
    await vi.advanceTimersByTimeAsync(PENDING_RECHECK_MS);
    expect(posts).toEqual(["first", "first"]);
    answers.shift()?.({ status: "sent", message: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(posts).toEqual(["first", "first", "second"]);
  });

  it("a refused earlier reply holds nothing back: the rep decides on it, and the next one goes", async () => {
    const api = fakeApi(new ApiError(400, "bad_request", "The message is too long for this account.", undefined, true), { status: "sent", message: null });
    const { outbox } = setup(api);
    outbox.send({ conversationId: "conv", text: "too long" });
    outbox.send({ conversationId: "conv", text: "short" });
    await vi.advanceTimersByTimeAsync(0);
    expect(api.posts.map((entry) => entry.text)).toEqual(["too long", "short"]);
    expect(outbox.getSnapshot().map((entry) => entry.state)).toEqual(["failed", "sent"]);
  });

  it("survives a reload: a queued reply in storage is sent by the next page's outbox", async () => {
    const storage = memoryStorage();
    const offline = fakeNetwork();
    offline.set(false);
    setup(fakeApi({ status: "sent", message: null }), { storage, network: offline }).outbox.send({ conversationId: "conv", text: "Later" });
    const api = fakeApi({ status: "sent", message: null });
    const { only } = setup(api, { storage });
    await vi.advanceTimersByTimeAsync(0);
    expect(api.posts.map((p) => p.text)).toEqual(["Later"]);
    expect(only()?.state).toBe("sent");
  });

  it("asks again about a reply that was being sent when the page went away (same clientId: the server never sends it twice)", async () => {
    const storage = memoryStorage();
    const hanging = fakeApi({ status: "sent", message: null });
    hanging.post.mockImplementation(() => new Promise(() => {}));
    const first = setup(hanging, { storage });
    const { clientId } = first.outbox.send({ conversationId: "conv", text: "Hello" });
    first.outbox.stop();
    const api = fakeApi({ status: "sent", message: null });
    setup(api, { storage });
    await vi.advanceTimersByTimeAsync(0);
    expect(api.posts.map((p) => p.clientId)).toEqual([clientId]);
  });

  it("a refusal (our error envelope) is not sent, in the server's words; Retry sends it again with the same clientId", async () => {
    const api = fakeApi(new ApiError(502, "credits_exhausted", "Linkup has run out of credits for this account.", undefined, true), { status: "sent", message: null });
    const { outbox, only } = setup(api);
    outbox.send({ conversationId: "conv", text: "Hello" });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(only()).toMatchObject({ state: "failed", mayBeDelivered: false, error: { detail: "Linkup has run out of credits for this account." } });
    expect(isNotSent(only()!, Date.now())).toBe(true);
    expect(api.posts).toHaveLength(1);
    outbox.retry(only()!.clientId);
    expect(only()?.state).toBe("sending");
    expect(only()?.error).toBeUndefined();
    await vi.advanceTimersByTimeAsync(0);
    expect(only()?.state).toBe("sent");
    expect(api.posts.map((p) => p.clientId)).toEqual([api.posts[0]?.clientId, api.posts[0]?.clientId]);
  });

  it("keeps our server's own words for a refused send (too long for this account)", async () => {
    const api = fakeApi(new ApiError(400, "bad_request", "The message is too long for this account: at most 1900 characters.", undefined, true));
    const { outbox, only } = setup(api);
    outbox.send({ conversationId: "conv", text: "Hello" });
    await vi.advanceTimersByTimeAsync(0);
    expect(only()?.error?.detail).toBe("The message is too long for this account: at most 1900 characters.");
  });

  it("a send our own rate limit refused says so in the server's words, not as the provider limiting how fast messages load", async () => {
    const api = fakeApi(new ApiError(429, "rate_limited", "Too many requests: slow down for a moment.", 20, true));
    const { outbox, only } = setup(api);
    outbox.send({ conversationId: "conv", text: "Hello" });
    await vi.advanceTimersByTimeAsync(0);
    expect(only()?.state).toBe("failed");
    expect(only()?.error?.detail).toBe("Too many requests: slow down for a moment.");
  });

  it("unconfirmed: not confirmed yet (its thread is asked to look), then after a minute not sent with Retry; nothing is sent again by itself", async () => {
    const api = fakeApi({ status: "unconfirmed", message: null });
    const onUnconfirmed = vi.fn();
    const { outbox, only } = setup(api, { onUnconfirmed });
    outbox.send({ conversationId: "conv", text: "Hello" });
    await vi.advanceTimersByTimeAsync(0);
    const entry = only()!;
    expect(entry.state).toBe("unconfirmed");
    expect(statusLabel(entry, Date.now(), true)).toBe("Not confirmed yet");
    expect(statusLabel(entry, Date.now() + UNCONFIRMED_PATIENCE_MS, true)).toBe("Not sent");
    expect(onUnconfirmed).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ clientId: entry.clientId, state: "unconfirmed" }));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(api.posts).toHaveLength(1);
  });

  it("an answer that is not ours (a proxy's error page, an unreadable body) may have been sent: unconfirmed, never resent blindly", async () => {
    for (const error of [new ApiError(504, "upstream_timeout", "Unexpected HTTP 504 response"), new InvalidResponseError(200, "Response body is not JSON")]) {
      const api = fakeApi(error);
      const { outbox } = setup(api);
      const { clientId } = outbox.send({ conversationId: "conv", text: "Hello" });
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      expect(outbox.getSnapshot().find((e) => e.clientId === clientId)).toMatchObject({ state: "unconfirmed", mayBeDelivered: true });
      expect(api.posts).toHaveLength(1);
    }
  });

  it("a request that got no answer while online waits, queued, and is asked again after a growing pause", async () => {
    const api = fakeApi(new NetworkError("Network request failed"), new NetworkError("Network request failed"), { status: "sent", message: null });
    const { outbox, only } = setup(api);
    outbox.send({ conversationId: "conv", text: "Hello" });
    await vi.advanceTimersByTimeAsync(0);
    expect(only()).toMatchObject({ state: "queued", mayBeDelivered: true });
    await vi.advanceTimersByTimeAsync(1_900);
    expect(api.posts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(api.posts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(3_800);
    expect(api.posts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(only()?.state).toBe("sent");
  });

  it("a session that ended keeps the reply queued (sent after signing in again), not failed", async () => {
    const api = fakeApi(new ApiError(401, "unauthenticated", "Sign in.", undefined, true));
    const { outbox, only } = setup(api);
    outbox.send({ conversationId: "conv", text: "Hello" });
    await vi.advanceTimersByTimeAsync(0);
    expect(only()?.state).toBe("queued");
  });

  it("Delete forgets a reply even while its request is in flight: the answer does not bring it back", async () => {
    let answer: (result: SendResult) => void = () => {};
    const api = fakeApi({ status: "sent", message: null });
    api.post.mockImplementation(() => new Promise<SendResult>((resolve) => (answer = resolve)));
    const onSent = vi.fn();
    const { outbox } = setup(api, { onSent });
    const { clientId } = outbox.send({ conversationId: "conv", text: "Hello" });
    await vi.advanceTimersByTimeAsync(0);
    outbox.remove([clientId]);
    answer({ status: "sent", message: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.getSnapshot()).toEqual([]);
    expect(onSent).not.toHaveBeenCalled();
  });

  it("Retry while offline waits for the connection", async () => {
    const api = fakeApi(new ApiError(502, "upstream_error", "Linkup is having trouble.", undefined, true), { status: "sent", message: null });
    const { outbox, network, only } = setup(api);
    outbox.send({ conversationId: "conv", text: "Hello" });
    await vi.advanceTimersByTimeAsync(0);
    network.set(false);
    outbox.retry(only()!.clientId);
    expect(only()?.state).toBe("queued");
    network.set(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(only()?.state).toBe("sent");
  });

  it("shares one stored outbox between tabs: each change is made to what is stored, not to a stale copy", async () => {
    const storage = memoryStorage();
    const offline = fakeNetwork();
    offline.set(false);
    const tabA = setup(fakeApi({ status: "sent", message: null }), { storage, network: offline });
    const tabB = setup(fakeApi({ status: "sent", message: null }), { storage, network: offline });
    tabA.outbox.send({ conversationId: "conv", text: "From A" });
    tabB.outbox.send({ conversationId: "conv", text: "From B" });
    expect(readOutbox(storage, "acc")?.map((e) => e.text)).toEqual(["From A", "From B"]);
    tabA.outbox.remove([tabA.only()!.clientId]);
    expect(readOutbox(storage, "acc")?.map((e) => e.text)).toEqual(["From B"]);
  });

  it("forgets sent replies the thread never matched once no message could match them, and keeps the rest", () => {
    const storage = memoryStorage();
    const old = { accountId: "acc", conversationId: "conv", text: "x", createdAt: T - 2 * FORGET_SENT_MS, stateSince: T - 2 * FORGET_SENT_MS, mayBeDelivered: true };
    writeOutbox(storage, "acc", [
      { ...old, clientId: "sent-long-ago", state: "sent" },
      { ...old, clientId: "failed-long-ago", state: "failed", mayBeDelivered: false },
    ]);
    const { outbox } = setup(fakeApi({ status: "sent", message: null }), { storage });
    expect(outbox.getSnapshot().map((e) => e.clientId)).toEqual(["failed-long-ago"]);
  });

  it("reads a damaged store tolerantly: a bad entry is dropped alone; unreadable JSON is no outbox", () => {
    const storage = memoryStorage();
    const good = { accountId: "acc", conversationId: "conv", clientId: "c1", text: "x", createdAt: T, stateSince: T, state: "failed", mayBeDelivered: false };
    storage.setItem(outboxStorageKey("acc"), JSON.stringify([good, { clientId: 3 }, { ...good, clientId: "c2", accountId: "other" }]));
    expect(readOutbox(storage, "acc")?.map((e) => e.clientId)).toEqual(["c1"]);
    storage.setItem(outboxStorageKey("acc"), "{not json");
    expect(readOutbox(storage, "acc")).toBeNull();
    expect(readOutbox(memoryStorage(), "acc")).toEqual([]);
  });

  it("keeps working in memory when the storage refuses writes", async () => {
    const full: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
      removeItem: () => {},
    };
    const api = fakeApi({ status: "sent", message: null });
    const { outbox, only } = setup(api, { storage: full });
    outbox.send({ conversationId: "conv", text: "Hello" });
    expect(only()?.text).toBe("Hello");
    await vi.advanceTimersByTimeAsync(0);
    expect(only()?.state).toBe("sent");
  });
});

describe("the outbox across tabs", () => {
  it("does not ask again about a reply another tab has seen sent", async () => {
    const storage = memoryStorage();
    const otherTab: (() => void)[] = [];
    const api = fakeApi({ status: "pending", message: null });
    const outbox = createOutbox("acc", {
      storage,
      network: fakeNetwork(),
      post: api.post,
      watchOtherTabs: (listener) => {
        otherTab.push(listener);
        return () => {};
      },
    });
    outbox.start();
    stops.push(() => outbox.stop());
    const { clientId } = outbox.send({ conversationId: "conv", text: "Hello" });
    await vi.advanceTimersByTimeAsync(0);
    expect(outbox.getSnapshot()[0]?.state).toBe("pending");
    // The other tab's answer came first: it stored the reply as sent.
    writeOutbox(storage, "acc", outbox.getSnapshot().map((entry) => (entry.clientId === clientId ? { ...entry, state: "sent" as const } : entry)));
    for (const listener of otherTab) listener();
    await vi.advanceTimersByTimeAsync(5 * PENDING_RECHECK_MS);
    expect(api.posts).toHaveLength(1);
    expect(outbox.getSnapshot()[0]?.state).toBe("sent");
  });
});
