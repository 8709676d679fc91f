import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** `after` from next/server works only inside a request; here it records what it was handed. */
const handedToAfter: Promise<unknown>[] = [];
vi.mock("next/server", () => ({ after: (task: Promise<unknown>) => void handedToAfter.push(task) }));

const { PREFETCH_BUDGET_MS, withinPrefetchBudget } = await import("@/lib/server/prefetch-budget");

beforeEach(() => {
  vi.useFakeTimers();
  handedToAfter.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("withinPrefetchBudget", () => {
  it("a read within the budget is the page's; one over it is left running and handed to after(), so the platform lets it finish", async () => {
    await expect(withinPrefetchBudget(() => Promise.resolve("page"), "acc")).resolves.toBe("page");
    expect(handedToAfter).toHaveLength(0);

    let finish: (value: string) => void = () => undefined;
    const slow = new Promise<string>((resolve) => (finish = resolve));
    const page = withinPrefetchBudget(() => slow, "acc");
    await vi.advanceTimersByTimeAsync(PREFETCH_BUDGET_MS);
    await expect(page).resolves.toBeUndefined();
    expect(handedToAfter).toHaveLength(1);
    finish("late");
    await expect(handedToAfter[0]).resolves.toBe("late");
  });

  it("a late read that fails is still handed to after(), and its failure goes nowhere", async () => {
    let fail: (error: Error) => void = () => undefined;
    const slow = new Promise<string>((_resolve, reject) => (fail = reject));
    const page = withinPrefetchBudget(() => slow, "acc");
    await vi.advanceTimersByTimeAsync(PREFETCH_BUDGET_MS);
    await expect(page).resolves.toBeUndefined();
    fail(new Error("provider down"));
    await expect(handedToAfter[0]).resolves.toBeUndefined();
  });

  it("a read left running is cancelled when an API route's would be, inside the shared cache's claim", async () => {
    let given: AbortSignal | undefined;
    const page = withinPrefetchBudget((signal) => {
      given = signal;
      return new Promise<string>(() => undefined);
    }, "acc");
    await vi.advanceTimersByTimeAsync(PREFETCH_BUDGET_MS);
    await expect(page).resolves.toBeUndefined();
    await vi.advanceTimersByTimeAsync(27_000 - PREFETCH_BUDGET_MS - 1);
    expect(given?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(given?.aborted).toBe(true);
  });
});
