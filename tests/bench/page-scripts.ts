/**
 * The scripts a modern browser fetches for a page, from its HTML: each `src` once, without the
 * `noModule` ones (Next's legacy polyfills, which a browser with modules never fetches).
 */
export function modernScriptSources(html: string): string[] {
  const tags = [...html.matchAll(/<script\b[^>]*>/gi)].map((match) => match[0]).filter((tag) => !/\snomodule\b/i.test(tag));
  return [...new Set(tags.flatMap((tag) => /\ssrc="([^"]+)"/i.exec(tag)?.[1] ?? []))];
}
