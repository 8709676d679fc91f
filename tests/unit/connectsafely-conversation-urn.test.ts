import { describe, expect, it } from "vitest";
import { NO_RETRY } from "@/lib/server/http/retry-policy";
import { createConnectSafelyProvider } from "@/lib/server/providers/connectsafely/adapter";
import { conversationUrnOf, mailboxOf, threadIdOf } from "@/lib/server/providers/connectsafely/conversation-urn";
import { handleConnectSafelyRequest } from "@/tests/fake-upstream/connectsafely";
import { createFixtureMailbox, FIXTURE_SELF } from "@/tests/fake-upstream/fixture-mailbox";

// The seed's own ids (seeds/connectsafely-conversation-details.txt).
const MAILBOX = "urn:li:fsd_profile:ACoAABpGQcMBI08myTal7qDJ5zb9lJiM24nFjJI";
const THREAD = "2-YTlkMzliMTAtMjA4Zi00ODc4LTgxZDgtZTI4ZDY0Zjg1YTE4XzEwMA==";
const CONVERSATION = `urn:li:msg_conversation:(${MAILBOX},${THREAD})`;
const MESSAGE_KEY = "2-MTc2MzM3ODA2Mjg4MWI0MTM0My0xMDAmYTlkMzliMTAtMjA4Zi00ODc4LTgxZDgtZTI4ZDY0Zjg1YTE4XzEwMA==";

describe("ConnectSafely conversation URN forms", () => {
  it("finds the thread in every documented conversation form, and nothing in what is none", () => {
    for (const form of [
      CONVERSATION,
      `urn:li:messagingThread:${THREAD}`,
      `urn:li:messagingThread:(${THREAD})`,
      ` ${THREAD} `,
    ]) {
      expect(threadIdOf(form), form).toBe(THREAD);
    }
    for (const none of ["", "urn:li:fsd_profile:ACoAA", "urn:li:messagingThread:", "hello", `urn:li:messagingMessage:${MESSAGE_KEY}`]) {
      expect(threadIdOf(none), none).toBeUndefined();
    }
  });

  it("finds the mailbox only where a form carries it, and builds the inbox's form back", () => {
    expect(mailboxOf(CONVERSATION)).toBe(MAILBOX);
    expect(mailboxOf(`urn:li:msg_message:(${MAILBOX},${MESSAGE_KEY})`)).toBe(MAILBOX);
    for (const none of [`urn:li:messagingThread:${THREAD}`, THREAD, `urn:li:messagingMessage:${MESSAGE_KEY}`]) expect(mailboxOf(none)).toBeUndefined();
    expect(conversationUrnOf(MAILBOX, THREAD)).toBe(CONVERSATION);
  });

  it("the adapter tells onMailbox what its inbox ids carry, once per instance until it changes", async () => {
    const fixture = createFixtureMailbox(Date.parse("2026-03-02T09:00:00Z"));
    const told: string[] = [];
    const cs = createConnectSafelyProvider({
      baseUrl: "https://api.connectsafely.test/linkedin",
      fetch: async (input, init) => handleConnectSafelyRequest(new Request(String(input), init), { mailbox: fixture.mailbox, apiKey: "k", accountId: "a", self: FIXTURE_SELF }),
      timeoutMs: 5_000,
      apiKey: "k",
      accountId: "a",
      retry: NO_RETRY,
      onMailbox: async (urn) => void told.push(urn),
    });
    const signal = new AbortController().signal;
    const page = await cs.listConversations({ category: "INBOX", limit: 5 }, signal);
    await cs.listConversations({ category: "INBOX", limit: 5, cursor: page.nextCursor ?? undefined }, signal);
    expect(told).toEqual([mailboxOf(page.items[0]!.id)]);
    expect(told[0]).toMatch(/^urn:li:fsd_profile:/);
  });
});
