/**
 * This browser's localStorage for what stays on the rep's device only (drafts, the outbox), with a
 * stand-in in memory where it is unavailable (server rendering, storage blocked by the browser).
 */
export type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** Every item Threadline keeps in a browser starts with this. */
export const STORAGE_PREFIX = "threadline:";

export function memoryStorage(): StorageLike {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

let fallback: StorageLike | undefined;

export function browserStorage(): StorageLike {
  try {
    if (typeof window !== "undefined" && window.localStorage) return window.localStorage;
  } catch {
    // Reading window.localStorage itself throws where the browser blocks site data.
  }
  return (fallback ??= memoryStorage());
}

/** A value written, or false when the storage refused it (full, blocked): the caller keeps it in memory. */
export function tryWrite(storage: StorageLike, key: string, value: string | null): boolean {
  try {
    if (value === null) storage.removeItem(key);
    else storage.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function tryRead(storage: StorageLike, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

/** Calls `listener` when another tab of this site changes `key`. */
export function watchOtherTabs(key: string, listener: () => void): () => void {
  if (typeof window === "undefined") return () => {};
  const onStorage = (event: StorageEvent) => {
    if (event.key === key || event.key === null) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => window.removeEventListener("storage", onStorage);
}

/**
 * Removes everything Threadline kept in this browser (drafts, unsent replies): signing out leaves
 * none of a rep's words behind on a shared device.
 */
export function forgetEverything(storage?: Pick<Storage, "length" | "key" | "removeItem">): void {
  try {
    const target = storage ?? window.localStorage;
    const keys = Array.from({ length: target.length }, (_, index) => target.key(index)).filter((key): key is string => key?.startsWith(STORAGE_PREFIX) === true);
    for (const key of keys) target.removeItem(key);
  } catch {
    // Blocked storage holds nothing of ours.
  }
}
