import { describe, expect, it } from "vitest";
import { assertSameOrigin } from "@/lib/server/auth/request-gate";

const put = (url: string, headers: Record<string, string>) => new Request(url, { method: "PUT", headers });

describe("CSRF: only Threadline's own pages may send a rep's request", () => {
  it("accepts the page's own origin, as the browser asked for the host (127.0.0.1 while the server calls itself localhost)", () => {
    expect(() => assertSameOrigin(put("http://localhost:3000/api/x", { origin: "http://localhost:3000", host: "localhost:3000" }))).not.toThrow();
    expect(() => assertSameOrigin(put("http://localhost:3000/api/x", { origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).not.toThrow();
    expect(() => assertSameOrigin(put("http://10.0.0.5:3000/api/x", { origin: "https://threadline.example", "x-forwarded-host": "threadline.example", "x-forwarded-proto": "https" }))).not.toThrow();
    expect(() => assertSameOrigin(put("http://10.0.0.5:3000/api/x", { origin: "https://threadline.example", "x-forwarded-host": "threadline.example, 10.0.0.5", "x-forwarded-proto": "https,http" }))).not.toThrow();
    // Not a browser: no Origin, no Sec-Fetch-Site (it cannot carry a rep's cookies from another site).
    expect(() => assertSameOrigin(put("http://localhost:3000/api/x", {}))).not.toThrow();
  });

  it("refuses another site, whatever the host", () => {
    expect(() => assertSameOrigin(put("http://localhost:3000/api/x", { origin: "https://evil.example", host: "localhost:3000" }))).toThrow(/own pages/);
    expect(() => assertSameOrigin(put("http://localhost:3000/api/x", { origin: "http://127.0.0.1:3000", host: "localhost:3000" }))).toThrow(/own pages/);
    expect(() => assertSameOrigin(put("http://localhost:3000/api/x", { origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }))).toThrow(/own pages/);
    expect(() => assertSameOrigin(put("http://localhost:3000/api/x", { origin: "https://localhost:3000", host: "localhost:3000" }))).toThrow(/own pages/);
  });
});
