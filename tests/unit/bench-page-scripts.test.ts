import { describe, expect, it } from "vitest";
import { modernScriptSources } from "../bench/page-scripts";

describe("modernScriptSources", () => {
  it("lists each script a modern browser fetches once, leaving out noModule polyfills and inline scripts", () => {
    const html = [
      '<script src="/_next/static/chunks/a.js" async="" nonce="n"></script>',
      '<script src="/_next/static/chunks/polyfills.js" noModule="" nonce="n"></script>',
      '<script nonce="n">self.__next_f.push([1,"x"])</script>',
      '<SCRIPT async src="/_next/static/chunks/b.js"></SCRIPT>',
      '<script src="/_next/static/chunks/a.js" async=""></script>',
      '<script nomodule src="/legacy.js"></script>',
    ].join("");
    expect(modernScriptSources(html)).toEqual(["/_next/static/chunks/a.js", "/_next/static/chunks/b.js"]);
  });
});
