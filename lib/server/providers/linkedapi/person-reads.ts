import "server-only";
import type { ApiError } from "@/lib/server/errors";
import { shouldStore } from "./activity";
import type { GetRef } from "./client";
import { syncFailureOf, threadFailureError } from "./errors";
import { lastMessageOf, upstreamSince } from "./map";
import type { GetPersonResult, LinkedApiMessage } from "./schemas";
import type { LastMessage, PeopleStore, PersonRecord } from "./store";

/** What one person's entry in a conversations.get answer means for us. */
export type ThreadRead = { kind: "messages"; messages: LinkedApiMessage[] } | { kind: "failed"; error: ApiError } | { kind: "unknown" };

/** Where a person stands after a read: as now stored, and the newest message to show. */
export type Remembered = { record: PersonRecord; lastMessage: LastMessage | null };

export function getRefOf(record: PersonRecord, sinceMs: number | undefined): GetRef {
  const since = sinceMs === undefined ? undefined : upstreamSince(sinceMs);
  return { channel: record.channel, person: record.profileUrl, ...(since !== undefined ? { since } : {}) };
}

/** What a conversations.get answer teaches the people store, shared by thread reads and the inbox. */
export function createPersonReads({ store, accountId, now }: { store: PeopleStore; accountId: string; now: () => number }) {
  return {
    /** Marks the person failed where Linked API said something definite about them. */
    async interpret(record: PersonRecord, result: GetPersonResult | undefined): Promise<ThreadRead> {
      if (!result) return { kind: "unknown" };
      if (result.result.success) return { kind: "messages", messages: result.result.data.messages };
      const error = result.result.error;
      const reason = syncFailureOf(error?.errorType ?? error?.type);
      if (reason === "upstream_error") return { kind: "unknown" };
      await store.markFailed(accountId, record.id, reason, now());
      return { kind: "failed", error: threadFailureError(reason) };
    },

    /** Keeps the newest message in the store where shouldStore allows, so the inbox lists it without reading the thread again. */
    async remember(record: PersonRecord, newest: LinkedApiMessage | undefined, settling: boolean): Promise<Remembered> {
      if (!newest) return { record, lastMessage: record.lastMessage };
      const candidate = lastMessageOf(newest);
      if (!shouldStore(record, candidate, settling)) return { record, lastMessage: record.lastMessage ?? candidate };
      await store.saveLastMessage(accountId, record.id, candidate, now());
      return { record: { ...record, lastMessage: candidate }, lastMessage: candidate };
    },
  };
}

export type PersonReads = ReturnType<typeof createPersonReads>;
