import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadedOnce } from "@/lib/client/lazy-code";

describe("loadedOnce: code loaded after the page's first scripts", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("loads once, however often it is asked", async () => {
    const load = vi.fn(() => Promise.resolve("module"));
    const get = loadedOnce(load);
    await expect(Promise.all([get(), get()])).resolves.toEqual(["module", "module"]);
    await expect(get()).resolves.toBe("module");
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("tries a failed load again, each wait twice the last up to a minute, and never rejects", async () => {
    let failures = 7;
    const load = vi.fn(() => (failures-- > 0 ? Promise.reject(new Error("chunk failed")) : Promise.resolve("module")));
    const loaded = vi.fn();
    void loadedOnce(load)().then(loaded);

    const attemptsAfter = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms);
      return load.mock.calls.length;
    };
    expect(await attemptsAfter(0)).toBe(1);
    expect(await attemptsAfter(2_999)).toBe(1);
    expect(await attemptsAfter(1)).toBe(2); // 3 s
    expect(await attemptsAfter(6_000)).toBe(3); // 6 s
    expect(await attemptsAfter(12_000)).toBe(4); // 12 s
    expect(await attemptsAfter(24_000)).toBe(5); // 24 s
    expect(await attemptsAfter(48_000)).toBe(6); // 48 s
    expect(await attemptsAfter(59_999)).toBe(6); // then a minute, no more
    expect(await attemptsAfter(1)).toBe(7);
    expect(loaded).not.toHaveBeenCalled();
    expect(await attemptsAfter(60_000)).toBe(8);
    expect(loaded).toHaveBeenCalledWith("module");
  });
});
