import { describe, expect, it } from "vitest";
import { withSharedReads } from "@/lib/server/providers/shared-reads";
import type { InboxProvider, Page } from "@/lib/server/providers/types";
import type { Conversation } from "@/lib/contracts/api";

function countingProvider(answer: (signal: AbortSignal) => Promise<Page<Conversation>>) {
  const reads: AbortSignal[] = [];
  const provider: InboxProvider = {
    capabilities: { categories: ["INBOX"], since: "native", search: false },
    listConversations: (_query, signal) => {
      reads.push(signal);
      return answer(signal);
    },
    listMessages: () => Promise.reject(new Error("unused")),
    messagesSince: () => Promise.reject(new Error("unused")),
  };
  return { provider, reads };
}

const page: Page<Conversation> = { items: [], nextCursor: null };
const query = { category: "INBOX" as const, limit: 20 };

describe("withSharedReads", () => {
  it("makes identical reads at the same moment once, and every caller gets the answer", async () => {
    const { provider, reads } = countingProvider(async () => page);
    const shared = withSharedReads(provider);
    const answers = await Promise.all(Array.from({ length: 10 }, () => shared.listConversations(query, new AbortController().signal)));
    expect(reads).toHaveLength(1);
    expect(answers.every((a) => a === page)).toBe(true);
    // A different read is its own call.
    await shared.listConversations({ ...query, limit: 5 }, new AbortController().signal);
    expect(reads).toHaveLength(2);
  });

  it("shares a read only while it is in flight: the next identical read asks again", async () => {
    const { provider, reads } = countingProvider(async () => page);
    const shared = withSharedReads(provider);
    await shared.listConversations(query, new AbortController().signal);
    await shared.listConversations(query, new AbortController().signal);
    expect(reads).toHaveLength(2);
  });

  it("keeps the read going while one caller is left, cancels it when all have gone, and never keeps a failure", async () => {
    let release: (value: Page<Conversation>) => void = () => undefined;
    const { provider, reads } = countingProvider(
      (signal) =>
        new Promise((resolve, reject) => {
          release = resolve;
          signal.addEventListener("abort", () => reject(signal.reason));
        }),
    );
    const shared = withSharedReads(provider);
    const first = new AbortController();
    const second = new AbortController();
    const a = shared.listConversations(query, first.signal);
    const b = shared.listConversations(query, second.signal);
    first.abort(new Error("tab closed"));
    await expect(a).rejects.toThrow("tab closed");
    expect(reads[0]?.aborted).toBe(false);
    release(page);
    await expect(b).resolves.toBe(page);

    const { provider: failing, reads: failed } = countingProvider(async () => {
      throw new Error("upstream down");
    });
    const sharedFailing = withSharedReads(failing);
    await expect(sharedFailing.listConversations(query, new AbortController().signal)).rejects.toThrow("upstream down");
    await expect(sharedFailing.listConversations(query, new AbortController().signal)).rejects.toThrow("upstream down");
    expect(failed).toHaveLength(2);

    const { provider: slow, reads: slowReads } = countingProvider((signal) => new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason))));
    const sharedSlow = withSharedReads(slow);
    const only = new AbortController();
    const pending = sharedSlow.listConversations(query, only.signal);
    only.abort(new Error("gone"));
    await expect(pending).rejects.toThrow("gone");
    expect(slowReads[0]?.aborted).toBe(true);
  });

  it("a cancelled read that settles late leaves the read that replaced it shared", async () => {
    const releases: Array<(value: Page<Conversation>) => void> = [];
    const { provider, reads } = countingProvider(
      (signal) =>
        new Promise((resolve, reject) => {
          releases.push(resolve);
          // As fetch does: the abort rejects a moment later, not at once.
          signal.addEventListener("abort", () => setTimeout(() => reject(signal.reason), 0));
        }),
    );
    const shared = withSharedReads(provider);
    const gone = new AbortController();
    const cancelled = shared.listConversations(query, gone.signal);
    gone.abort(new Error("tab closed"));
    await expect(cancelled).rejects.toThrow("tab closed");
    const next = shared.listConversations(query, new AbortController().signal);
    expect(reads).toHaveLength(2);
    // The first read's rejection lands now; a third identical caller must still join the second read.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const joined = shared.listConversations(query, new AbortController().signal);
    expect(reads).toHaveLength(2);
    releases[1]?.(page);
    await expect(Promise.all([next, joined])).resolves.toEqual([page, page]);
  });
});
