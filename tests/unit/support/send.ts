import { expect } from "vitest";
import type { Message } from "@/lib/contracts/api";
import { ApiError } from "@/lib/server/errors";
import type { InboxProvider, MessageSender, SendReceipt } from "@/lib/server/providers/types";

export function senderOf(provider: InboxProvider): MessageSender {
  if (!provider.sender) throw new Error("the adapter has no sender");
  return provider.sender;
}

/** The ApiError a promise rejects with (anything else fails the test). */
export async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

export function sentMessageOf(receipt: SendReceipt): Message {
  if (receipt.kind !== "sent" || !receipt.message) throw new Error(`expected a named sent message, got ${JSON.stringify(receipt)}`);
  return receipt.message;
}

/** The thread's newest page and `since` both show the sent message, newest and from the rep, exactly once, with its id. */
export async function expectShownOnce(provider: InboxProvider, conversationId: string, sent: Pick<Message, "id" | "text" | "sentAt">, signal: AbortSignal) {
  const newest = await provider.listMessages({ conversationId, limit: 30 }, signal);
  expect(newest.items[0]).toMatchObject({ id: sent.id, text: sent.text, sentAt: sent.sentAt, fromMe: true });
  expect(newest.items.filter((message) => message.id === sent.id)).toHaveLength(1);
  const since = await provider.messagesSince({ conversationId, since: sent.sentAt }, signal);
  expect(since.items.map((message) => [message.id, message.fromMe])).toEqual([[sent.id, true]]);
}
