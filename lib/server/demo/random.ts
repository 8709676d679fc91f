import "server-only";

/** Integer finaliser from MurmurHash3: spreads every input bit over the 32-bit output. */
export function mix32(value: number): number {
  let hash = value | 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** Hash of several integers (safe integers: the bits above 32 count too). */
export function hashInts(...values: number[]): number {
  let hash = 0x9e3779b9;
  for (const value of values) {
    hash = mix32(hash ^ (value | 0));
    if (value >= 0x100000000 || value < 0) hash = mix32(hash ^ (Math.floor(value / 0x100000000) | 0));
  }
  return hash;
}

/** 32-bit FNV-1a of a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export type SeededRandom = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight; `weights` pairs each item with a positive number. */
  weighted<T>(weights: readonly (readonly [T, number])[]): T;
};

/** mulberry32: tiny, fast, and good enough to make demo data look varied. */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => pickAt(items, int(0, items.length - 1)),
    weighted: (weights) => {
      const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [item, weight] of weights) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return pickAt(weights, weights.length - 1)[0];
    },
  };
}

/** `items[index]`, for indexes known to be in range (an empty list is a programming error). */
export function pickAt<T>(items: readonly T[], index: number): T {
  const item = items[((index % items.length) + items.length) % items.length];
  if (item === undefined) throw new Error("pickAt: empty list");
  return item;
}
