import { readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";

/** The five methods every route file exports (see routeMethods in lib/server/api-route.ts). */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One app/api/**\/route.ts file as the test sees it, read from the source at test time. */
export type ApiRouteFile = {
  /** Relative to the repository: app/api/accounts/[accountId]/conversations/route.ts */
  file: string;
  /** The URL template its folder path makes: /api/accounts/[accountId]/conversations */
  template: string;
  /** The template's path segments: ["api", "accounts", "[accountId]", "conversations"]. */
  segments: string[];
  /** The methods the file exports. */
  exported: HttpMethod[];
  /** The methods it serves: the keys of its routeMethods({...}); none for a file without routeMethods. */
  served: HttpMethod[];
};

const ROOT = process.cwd();
const API_DIR = join(ROOT, "app", "api");

function isMethod(name: string): name is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(name);
}

/** `export const { GET, POST } = …` and `export { handler as GET, … }`: the method names exported. */
function exportedMethods(source: string): HttpMethod[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/export\s+const\s*\{([^}]*)\}\s*=/g)) {
    for (const part of match[1]!.split(",")) names.add(part.trim().split(":").pop()!.trim());
  }
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of match[1]!.split(",")) names.add(part.trim().split(/\s+as\s+/).pop()!.trim());
  }
  for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g)) names.add(match[1]!);
  return HTTP_METHODS.filter((method) => names.has(method));
}

/** The keys of the object given to routeMethods({ GET: list, POST: add }). */
function servedMethods(source: string): HttpMethod[] {
  const call = /routeMethods\(\s*\{([^}]*)\}/.exec(source);
  if (!call) return [];
  const keys = [...call[1]!.matchAll(/\b([A-Z]+)\s*(?::|,|$)/g)].map((m) => m[1]!).filter(isMethod);
  return HTTP_METHODS.filter((method) => keys.includes(method));
}

/** Every route file under app/api, found on disk now (so a new one is seen by the next run). */
export function apiRouteFiles(): ApiRouteFile[] {
  const files = readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
    .filter((path) => path === "route.ts" || path.endsWith(`${sep}route.ts`))
    .sort();
  return files.map((path) => {
    const folders = path.split(sep).slice(0, -1);
    const segments = ["api", ...folders];
    const source = readFileSync(join(API_DIR, path), "utf8");
    return {
      file: ["app", "api", ...path.split(sep)].join("/"),
      template: `/${segments.join("/")}`,
      segments,
      exported: exportedMethods(source),
      served: servedMethods(source),
    };
  });
}

/** The template's dynamic segments: "[accountId]" → accountId, "[...all]" → all. */
export function paramNames(template: string): string[] {
  return [...template.matchAll(/\[(?:\.\.\.)?([A-Za-z]+)\]/g)].map((m) => m[1]!);
}

/**
 * A concrete path for a template: each [param] is replaced by its value, percent-encoded unless
 * `raw` (a catch-all's value may hold slashes: it is given already as path text).
 */
export function fillTemplate(template: string, params: Record<string, string>, options: { raw?: boolean } = {}): string {
  return template.replace(/\[(\.\.\.)?([A-Za-z]+)\]/g, (_, catchAll: string | undefined, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for [${name}] in ${template}`);
    return catchAll || options.raw ? value : encodeURIComponent(value);
  });
}
