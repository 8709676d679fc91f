import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorEnvelopeSchema } from "@/lib/contracts/errors";
import { idParamSchema } from "@/lib/contracts/queries";
import { malformedPathReason } from "@/lib/proxy/malformed-path";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { ApiError } from "@/lib/server/errors";
import { alongside, setCookiesOnAnswer } from "@/lib/server/request-context";

const noParams = { params: z.strictObject({}), query: z.strictObject({}) };

/** Stands for upstream work that only ends when the request's signal does. */
function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

describe("apiRoute", () => {
  it("ends a request that outlives its maxDuration budget with upstream_timeout, in our envelope", async () => {
    const route = apiRoute({ ...noParams, maxDurationSeconds: 3.2 }, ({ signal }) => waitForAbort(signal));
    const started = Date.now();
    const response = await route(new Request("http://x/api/slow"), {});
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(response.status).toBe(504);
    expect(errorEnvelopeSchema.parse(await response.json()).error.code).toBe("upstream_timeout");
  });

  it("gives up quietly when the browser goes away", async () => {
    const controller = new AbortController();
    const route = apiRoute({ ...noParams, maxDurationSeconds: 30 }, ({ signal }) => waitForAbort(signal));
    const pending = route(new Request("http://x/api/slow", { signal: controller.signal }), {});
    controller.abort();
    expect((await pending).status).toBe(499);
  });

  it("sends a renewed session's cookie on whatever the answer is, unless the answer sets cookies of its own", async () => {
    const renewed = "session_token=renewed; Max-Age=604800; Path=/; HttpOnly";
    const answers = await Promise.all(
      [
        () => ({ ok: true }),
        () => {
          throw new ApiError("not_found", "gone");
        },
      ].map((work) =>
        apiRoute(noParams, () => {
          // What the gate does when Better Auth renews the session (sessionFor).
          setCookiesOnAnswer([renewed]);
          return work();
        })(new Request("http://x/api/c"), {}),
      ),
    );
    expect(answers.map((response) => [response.status, response.headers.getSetCookie()])).toEqual([
      [200, [renewed]],
      [404, [renewed]],
    ]);
    // Signing out: its own cookie (the session's end) must not be followed by the renewed one.
    const signedOut = await apiRoute(noParams, () => {
      setCookiesOnAnswer([renewed]);
      return new Response(null, { status: 204, headers: { "set-cookie": "session_token=; Max-Age=0; Path=/" } });
    })(new Request("http://x/api/c"), {});
    expect(signedOut.headers.getSetCookie()).toEqual(["session_token=; Max-Age=0; Path=/"]);
  });

  it("answers a rate limit with Retry-After, and an unexpected throw as a mapped internal_error", async () => {
    const limited = await apiRoute(noParams, () => {
      throw new ApiError("rate_limited", "slow down");
    })(new Request("http://x/api/r"), {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("10");
    expect(errorEnvelopeSchema.parse(await limited.json()).error.retryAfter).toBe(10);

    const crashed = await apiRoute(noParams, () => {
      throw new TypeError("x is undefined");
    })(new Request("http://x/api/r"), {});
    expect(crashed.status).toBe(500);
    const body = errorEnvelopeSchema.parse(await crashed.json());
    expect(body.error.code).toBe("internal_error");
    expect(body.error.message).not.toContain("x is undefined");
  });

  it("parses a JSON body with its schema, and answers every kind of bad body with a 400", async () => {
    const route = apiRoute({ ...noParams, body: z.strictObject({ name: z.string().max(5) }), status: 201 }, ({ body }) => ({ hello: body.name }));
    const post = (body: string, contentType = "application/json") =>
      route(new Request("http://x/api/b", { method: "POST", headers: { "content-type": contentType }, body }), {});

    const ok = await post(JSON.stringify({ name: "Ada" }));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ hello: "Ada" });

    const cases: [string, string | undefined, RegExp][] = [
      ["{not json", undefined, /not valid JSON/],
      [JSON.stringify({ name: "Ada" }), "text/plain", /content-type: application\/json/],
      [JSON.stringify({ name: "Adalovelace" }), undefined, /name/],
      [JSON.stringify({ name: "Ada", admin: true }), undefined, /unknown body parameter\(s\): admin/],
      [JSON.stringify({ name: "x".repeat(70_000) }), undefined, /too large/],
      ["", undefined, /not valid JSON/],
    ];
    for (const [body, contentType, message] of cases) {
      const response = await post(body, contentType);
      expect(response.status, body.slice(0, 30)).toBe(400);
      const envelope = errorEnvelopeSchema.parse(await response.json());
      expect(envelope.error.code).toBe("bad_request");
      expect(envelope.error.message).toMatch(message);
    }
  });

  it("takes a reply of 8,000 characters however it is written (emoji sent as \\u escapes: 6 bytes a unit)", async () => {
    const route = apiRoute({ ...noParams, body: z.strictObject({ text: z.string().max(8_000) }) }, ({ body }) => ({ length: body.text.length }));
    const escaped = JSON.stringify({ text: "😀".repeat(4_000) }).replace(/[\ud800-\udfff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`);
    expect(escaped.length).toBeGreaterThan(48_000);
    const response = await route(new Request("http://x/api/b", { method: "POST", headers: { "content-type": "application/json" }, body: escaped }), {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ length: 8_000 });
  });

  it("stops reading a body that streams past the limit without declaring its length", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
      },
    });
    const route = apiRoute({ ...noParams, body: z.strictObject({}) }, () => ({ ok: true }));
    const response = await route(new Request("http://x/api/b", { method: "POST", headers: { "content-type": "application/json" }, body: endless, duplex: "half" } as RequestInit), {});
    expect(response.status).toBe(400);
    expect(errorEnvelopeSchema.parse(await response.json()).error.message).toMatch(/too large/);
    // Two 64 KB chunks are past the 64 KB limit: the stream is cancelled, not read to its end (it has none).
    expect(pulled).toBeLessThanOrEqual(3);
  });

  it("refuses a state-changing request from another site, before anything else", async () => {
    const route = apiRoute({ ...noParams, body: z.strictObject({}) }, () => ({ ok: true }));
    const send = (headers: Record<string, string>) =>
      route(new Request("http://x/api/b", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: "{}" }), {});
    expect((await send({ origin: "http://evil.example" })).status).toBe(403);
    expect((await send({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await send({ origin: "http://x", "sec-fetch-site": "same-origin" })).status).toBe(200);
    // Not a browser (no Origin, no Sec-Fetch-Site): it cannot ride anybody's cookies.
    expect((await send({})).status).toBe(200);
    // A sync or a delete carries a JSON body too: a plain cross-site form cannot send one.
    const form = await route(new Request("http://x/api/b", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "" }), {});
    expect(form.status).toBe(400);
  });
});

describe("writes started alongside a request's work", () => {
  it("run beside it, and the answer waits for them", async () => {
    const order: string[] = [];
    const route = apiRoute(noParams, async () => {
      await alongside(new Promise<void>((resolve) => setTimeout(() => resolve(void order.push("write done")), 30)));
      order.push("work done");
      return { ok: true };
    });
    const response = await route(new Request("http://x/api/w"), {});
    order.push("answered");
    expect(response.status).toBe(200);
    expect(order).toEqual(["work done", "write done", "answered"]);
  });

  it("answer a failed write as the request's failure, in our envelope, with no unhandled rejection", async () => {
    const route = apiRoute(noParams, async () => {
      await alongside(Promise.reject(new ApiError("upstream_error", "down")));
      // The answer is not awaited yet: a rejection left unheld here would be unhandled.
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { ok: true };
    });
    const response = await route(new Request("http://x/api/w"), {});
    expect(response.status).toBe(502);
    expect(errorEnvelopeSchema.parse(await response.json()).error.code).toBe("upstream_error");
  });

  it("are waited for in place outside an API request", async () => {
    let done = false;
    await alongside(new Promise<void>((resolve) => setTimeout(() => resolve(void (done = true)), 10)));
    expect(done).toBe(true);
  });
});

describe("routeMethods", () => {
  it("answers every method a route does not serve with 405 in our envelope, naming what it allows", async () => {
    const routes = routeMethods({ GET: apiRoute(noParams, () => ({ ok: true })) });
    expect((await routes.GET(new Request("http://x/api/r"), {})).status).toBe(200);
    // Next answers HEAD with the GET handler: a safe method, with no body to require.
    expect((await routes.GET(new Request("http://x/api/r", { method: "HEAD" }), {})).status).toBe(200);
    for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
      const response = await routes[method](new Request("http://x/api/r", { method }), {});
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("GET");
      expect(errorEnvelopeSchema.parse(await response.json()).error.code).toBe("method_not_allowed");
    }
  });

  it("tags every answer with a request id, the one its log lines carry", async () => {
    const response = await apiRoute(noParams, () => ({ ok: true }))(new Request("http://x/api/r"), {});
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("malformedPathReason (proxy.ts, before Next.js decodes anything)", () => {
  it("refuses invalid percent-encoding and control characters, and passes every well-formed id", () => {
    for (const path of ["/api/accounts/x/conversations/%ff%fe/messages", "/api/accounts/%C0%AE/conversations", "/a/%ff/inbox", "/api/accounts/x/people/a%00b", "/a/x/inbox/c/%0A"]) {
      expect(malformedPathReason(path), path).not.toBeNull();
    }
    for (const path of ["/", "/a/demo/inbox", "/api/accounts/x/conversations/urn%3Ali%3Afs_conversation%3A2-abc%3D%3D/messages", "/a/x/inbox/c/%E2%9C%93"]) {
      expect(malformedPathReason(path), path).toBeNull();
    }
  });
});

describe("idParamSchema", () => {
  it("refuses control characters in an id", () => {
    expect(idParamSchema.safeParse("a\u0000b").success).toBe(false);
    expect(idParamSchema.safeParse("a\nb").success).toBe(false);
    expect(idParamSchema.safeParse("urn:li:fs_conversation:2-abc==").success).toBe(true);
  });
});
