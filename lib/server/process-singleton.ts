import "server-only";

const holder = globalThis as typeof globalThis & { __threadlineSingletons?: Map<string, unknown> };

/**
 * One value per server process, not per copy of a module: a Next build loads a page's server code
 * and a route handler's as separate module graphs, so a module variable holds one value for the
 * pages and another for the API (and `next dev` reloads modules besides).
 */
export function processSingleton<T>(key: string, create: () => T): T {
  const all = (holder.__threadlineSingletons ??= new Map<string, unknown>());
  if (!all.has(key)) all.set(key, create());
  return all.get(key) as T;
}
