import "server-only";

const holder = globalThis as typeof globalThis & { __threadlineSingletons?: Map<string, unknown> };

/**
 * One value per server process, not per copy of a module: a Next build loads a page's server code
 * and a route handler's as separate module graphs, so a module variable holds one value for the
 * pages and another for the API (and `next dev` reloads modules besides).
 *
 * For data only (maps, plain objects and functions over them). Never for objects that throw our
 * error classes or are checked with `instanceof`: each module graph has its own copy of every
 * class, so an `ApiError` made by one graph is not an `ApiError` to another.
 */
export function processSingleton<T>(key: string, create: () => T): T {
  const all = (holder.__threadlineSingletons ??= new Map<string, unknown>());
  if (!all.has(key)) all.set(key, create());
  return all.get(key) as T;
}
