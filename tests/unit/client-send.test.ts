import { InfiniteQueryObserver, MutationCache, QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Conversation, ConversationsPage } from "@/lib/contracts/api";
import { ApiError } from "@/lib/client/errors";
import type { ConversationPages } from "@/lib/client/merge-inbox";
import type { OutboxEntry } from "@/lib/client/outbox-entry";
import { queryKeys } from "@/lib/client/query-keys";
import { postReply, showReplyInInbox } from "@/lib/client/outbox-runtime";

const T = 1_764_000_000_000;
const entry: OutboxEntry = {
  accountId: "acc",
  conversationId: "urn:li:msg_conversation:(1,2==)",
  clientId: "6f1c1a52-4b8e-4c7e-9f0e-3d7f2a1b9c10",
  text: "Thanks!",
  createdAt: T,
  state: "sending",
  stateSince: T,
  mayBeDelivered: false,
};
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

afterEach(() => vi.unstubAllGlobals());

describe("postReply", () => {
  it("POSTs the words and the clientId (and a subject where there is one) to the thread, and parses the answer", async () => {
    const fetchMock = vi.fn<(url: string, init: RequestInit) => Promise<Response>>(async () => json(200, { status: "pending", message: null }));
    vi.stubGlobal("fetch", fetchMock);
    const result = await postReply(new QueryClient(), { ...entry, subject: "Re: pricing" });
    expect(result).toEqual({ status: "pending", message: null });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`/api/accounts/acc/conversations/${encodeURIComponent(entry.conversationId)}/messages`);
    expect(init.method).toBe("POST");
    expect(JSON.parse(String(init.body))).toEqual({ text: "Thanks!", clientId: entry.clientId, subject: "Re: pricing" });
    const plain = await postReply(new QueryClient(), entry).then(() => JSON.parse(String(fetchMock.mock.calls[1]![1].body)) as unknown);
    expect(plain).toEqual({ text: "Thanks!", clientId: entry.clientId });
  });

  it("throws our error envelope as a typed error, and lets the app's mutation cache see it (a session that ended goes to sign-in)", async () => {
    vi.stubGlobal("fetch", async () => json(401, { error: { code: "unauthenticated", message: "Sign in to continue." } }));
    const seen: unknown[] = [];
    const client = new QueryClient({ mutationCache: new MutationCache({ onError: (error) => void seen.push(error) }) });
    const failure = await postReply(client, entry).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ code: "unauthenticated", fromEnvelope: true });
    expect(seen).toEqual([failure]);
  });
});

describe("showReplyInInbox", () => {
  const conversation = (id: string): Conversation => ({ id, participant: { name: id }, lastMessage: { text: "old", sentAt: T - 1_000, fromMe: false }, unreadCount: 1, type: "normal" });
  const pages = (...ids: string[]): ConversationPages => ({ pages: [{ conversations: ids.map(conversation), nextCursor: null } satisfies ConversationsPage], pageParams: [null] });

  const sent = { ...entry, state: "sent", message: { id: "m", text: "Thanks!", sentAt: T + 5, sender: { name: "Riley" }, fromMe: true, type: "text", attachments: [], reactions: [] } } satisfies OutboxEntry;

  it("puts the conversation on top with \"You: …\" in every loaded category of the account that holds it, and nowhere else", async () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.conversations("acc", "INBOX"), pages("a", entry.conversationId));
    client.setQueryData(queryKeys.conversations("acc", "UNREAD"), pages(entry.conversationId));
    const starred = pages("a");
    client.setQueryData(queryKeys.conversations("acc", "STARRED"), starred);
    const otherAccount = pages("a", entry.conversationId);
    client.setQueryData(queryKeys.conversations("other", "INBOX"), otherAccount);

    await showReplyInInbox(client, sent);

    const inbox = client.getQueryData<ConversationPages>(queryKeys.conversations("acc", "INBOX"))!;
    expect(inbox.pages[0]!.conversations.map((c) => c.id)).toEqual([entry.conversationId, "a"]);
    expect(inbox.pages[0]!.conversations[0]!.lastMessage).toEqual({ text: "Thanks!", sentAt: T + 5, fromMe: true });
    expect(client.getQueryData<ConversationPages>(queryKeys.conversations("acc", "UNREAD"))!.pages[0]!.conversations[0]!.lastMessage?.fromMe).toBe(true);
    expect(client.getQueryData(queryKeys.conversations("acc", "STARRED"))).toBe(starred);
    expect(client.getQueryData(queryKeys.conversations("other", "INBOX"))).toBe(otherAccount);
  });

  it("first stops the account's head polls already on their way: their answers were read before the reply", async () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.conversations("acc", "INBOX"), pages("a", entry.conversationId));
    let headSignal: AbortSignal | undefined;
    const inFlight = client.fetchQuery({
      queryKey: queryKeys.conversationsHead("acc", "INBOX"),
      queryFn: ({ signal }) => {
        headSignal = signal;
        return new Promise<never>(() => {});
      },
    });
    inFlight.catch(() => undefined);
    await vi.waitFor(() => expect(headSignal).toBeDefined());

    await showReplyInInbox(client, sent);

    expect(headSignal?.aborted).toBe(true);
    expect(client.getQueryData<ConversationPages>(queryKeys.conversations("acc", "INBOX"))!.pages[0]!.conversations[0]!.id).toBe(entry.conversationId);
  });

  it("a next page on its way when the reply is shown does not undo it when it lands (it lands on the pages as they were when asked)", async () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const key = queryKeys.conversations("acc", "INBOX");
    let release!: (page: ConversationsPage) => void;
    const observer = new InfiniteQueryObserver(client, {
      queryKey: key,
      initialPageParam: null as string | null,
      getNextPageParam: (last: ConversationsPage) => last.nextCursor,
      queryFn: ({ pageParam }) =>
        pageParam === null
          ? Promise.resolve({ conversations: ["a", "b", entry.conversationId].map(conversation), nextCursor: "p2" } satisfies ConversationsPage)
          : new Promise<ConversationsPage>((resolve) => (release = resolve)),
    });
    const unsubscribe = observer.subscribe(() => undefined);
    await vi.waitFor(() => expect(observer.getCurrentResult().isSuccess).toBe(true));
    const next = observer.fetchNextPage();
    await vi.waitFor(() => expect(release).toBeDefined());
    const shown = showReplyInInbox(client, sent);
    release({ conversations: [conversation("d")], nextCursor: null });
    await next;
    await shown;
    const rows = client.getQueryData<ConversationPages>(key)!.pages.flatMap((page) => page.conversations);
    expect(rows.map((row) => row.id)).toEqual([entry.conversationId, "a", "b", "d"]);
    expect(rows[0]!.lastMessage).toEqual({ text: "Thanks!", sentAt: T + 5, fromMe: true });
    unsubscribe();
  });
});
