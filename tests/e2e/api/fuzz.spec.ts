import { randomInt } from "node:crypto";
import http from "node:http";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import fc from "fast-check";
import { errorEnvelopeSchema } from "@/lib/contracts/errors";
import { apiRouteFiles, HTTP_METHODS, type ApiRouteFile, type HttpMethod } from "../support/api-routes";
import { ACCOUNTS, E2E } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";

/**
 * Malformed, oversized, encoded and hostile input on every route and every method, signed in as the
 * admin (who may use every account, so the account gate hides no parser): every answer is a 4xx in
 * JSON in our envelope (Better Auth's own endpoints under /api/auth too) — never a 5xx, and not
 * one call reaches the provider (the fake upstream counts them).
 *
 * Every generated request is invalid by construction, whatever the route does with the rest of it:
 * a hostile path always comes with an invalid query; a valid path with an invalid query or (not
 * GET) a body no route accepts. So any 2xx is a parser letting something through.
 *
 * Deterministic: fast-check with a fixed seed (FUZZ_SEED overrides it), printed on failure with the
 * inputs that failed. Requests go out raw (node:http) so the path reaches the server exactly as
 * written: invalid percent-encoding, dot segments and all.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 902_611);
/**
 * Per route, method and kind of input: GET gets hostile paths and queries (7 each), the others those
 * and hostile bodies (5 each): 16 routes × (14 + 4 × 15) = 1,184 requests.
 */
const CASES_PER_KIND = { GET: 7, other: 5 } as const;
const CONCURRENCY = 8;
const MIN_REQUESTS = 1_000;

type Kind = "path" | "query" | "body";
type FuzzCase = {
  route: string;
  method: HttpMethod;
  kind: Kind;
  /** The request target as sent: path and query, already encoded (or not) as intended. */
  target: string;
  headers: Record<string, string>;
  body?: string;
  /** Send the body in chunks, with no Content-Length. */
  chunked?: boolean;
};
type Answer = { status: number; contentType: string; text: string };

// ---------------------------------------------------------------- path segments

/** Segments that are hostile as written on the wire (percent-encoded where a raw byte could not be sent). */
const CURATED_SEGMENTS = [
  // Not valid percent-encoding (Next answers those with a bare 500 unless the proxy stops them).
  "%", "%zz", "%ff", "%FE%FF", "%C0%AE", "%C0%AF", "%E2%82", "abc%", "%%41", "%u202E", "%2", "%G0",
  // Control characters: NUL, newlines, tab, escape, DEL.
  "%00", "x%00y", "%0A", "%0D%0A", "%0D%0ASet-Cookie:%20x=1", "%09", "%1B[31m", "%1F", "%7F", "%C2%85",
  // Unicode: right-to-left override, zero-width, BOM, emoji, CJK, Arabic, combining marks.
  "%E2%80%AE", "invoice%E2%80%AEfdp.exe", "%E2%80%8B", "%EF%BB%BF", "%F0%9F%98%80", "%F0%9F%92%A5%F0%9F%94%A5", "%E4%BD%A0%E5%A5%BD", "%D8%A7%D9%84%D8%B9%D8%B1%D8%A8%D9%8A%D8%A9", "e%CC%81%CC%81%CC%81", "%EF%BF%BD", "%F4%8F%BF%BF",
  // Encoded slashes and traversal inside one segment.
  "%2F", "%2F%2F", "..%2F..%2Fteam", "%2F..%2F..%2Fme", "..%5C..%5Cteam", "%2e%2e%2fme", "..%252f", "%252e%252e", "%25", "%2525", "%5C", "a%2Fb%2Fc",
  // Injection strings.
  "'%20OR%20'1'%3D'1", "1%3BDROP%20TABLE%20%22user%22--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "javascript:alert(1)", "${7*7}", "%7B%7B7*7%7D%7D", "$where", "%24ne", "*", "%3F", "%23frag", "%26limit%3D5",
  // Names JavaScript treats specially.
  "__proto__", "constructor", "prototype", "hasOwnProperty", "toString", "null", "undefined", "NaN", "-1", "0", "1e309", "true", "[]", "{}",
] as const;

/** Only where the path keeps at least /api/{x} after the server resolves it (see pathCase). */
const DOT_SEGMENTS = [".", "..", "%2e", "%2E%2E", ".%2e", "%2e."] as const;

const randomSegment = fc.oneof(
  fc.constantFrom(...CURATED_SEGMENTS),
  // Any text at all, encoded: emoji, scripts, combining marks… "zz" keeps it off every real name.
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }).map((text) => `zz${encodeURIComponent(text)}`),
  // Longer than any id of ours (1,024), shorter than Node's header limit.
  fc.integer({ min: 1_025, max: 2_500 }).map((length) => "a".repeat(length)),
  fc.integer({ min: 100, max: 200 }).map((count) => "%F0%9F%92%A9".repeat(count)),
);

// ---------------------------------------------------------------- queries (always invalid)

/** Each of these alone makes every route's query invalid (all are strict; unknown keys, duplicates and bad values fail). */
const INVALID_QUERY_ATOMS = fc.oneof(
  fc.constantFrom(
    "foo=bar", "__proto__[isAdmin]=1", "__proto__=x", "constructor[prototype][isAdmin]=1", "a[]=1&a[]=2", "isAdmin=true", "accountId=linkup",
    "limit=abc", "limit=-1", "limit=0", "limit=1e3", "limit=101", "limit=", "limit=%20%205", "limit=5.0", "limit=0x10", "limit=99999999999999999", "limit=NaN",
    "limit=Infinity", "limit=%00", "limit=%E2%80%AE5", "limit=5%0A", "limit[]=5", "since=abc", "since=-5", "since=1e12", "since=9000000000000000", "since=",
    "since=%F0%9F%98%80", "cursor=", "category=inbox", "category=INBOX'--", "category=%3Cscript%3E", "category=", "filter=%7B%22a%22%3A1%7D",
    "limit=%7B%22%24gt%22%3A0%7D", "q=%E2%80%AE", "%00=1", "=1", "cursor=a&cursor=b", "limit=5&limit=5", "category=INBOX&category=UNREAD", "since=1&cursor=abc",
    "since=1&since=2", "%ZZ=1", "limit=%ZZ", "callbackURL=https%3A%2F%2Fevil.example",
  ),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).map((key) => `zz${encodeURIComponent(key)}=${encodeURIComponent(key)}`),
  fc.jsonValue({ maxDepth: 3 }).map((value) => `zzjson=${encodeURIComponent(JSON.stringify(value))}`),
);
/** Huge values (one a query at most, so a request stays within Node's 16 KB of headers). */
const LONG_QUERY_ATOMS = fc.oneof(
  fc.integer({ min: 4_097, max: 4_500 }).map((length) => `cursor=${"x".repeat(length)}`),
  fc.integer({ min: 300, max: 700 }).map((count) => `zz=${"%41".repeat(count)}`),
  fc.integer({ min: 200, max: 400 }).map((count) => `limit=${"9".repeat(count)}`),
);
/** Harmless on their own; mixed in so the invalid part is not always alone. */
const NOISE_QUERY_ATOMS = fc.constantFrom("limit=5", "category=UNREAD", "cursor=abc", "", "&", "&&");

const invalidQuery = fc
  .tuple(fc.array(INVALID_QUERY_ATOMS, { minLength: 1, maxLength: 3 }), fc.option(LONG_QUERY_ATOMS, { nil: undefined, freq: 4 }), fc.array(NOISE_QUERY_ATOMS, { maxLength: 2 }))
  .chain(([invalid, long, noise]) => {
    const atoms = [...invalid, ...(long ? [long] : []), ...noise];
    return fc.shuffledSubarray(atoms, { minLength: atoms.length });
  })
  .map((atoms) => `?${atoms.join("&")}`);

// ---------------------------------------------------------------- bodies (never one a route accepts)

type BodyCase = { contentType?: string; body: string; chunked?: boolean };
const JSON_TYPES = ["application/json", "APPLICATION/JSON", "application/json; charset=utf-8", "application/json;charset=latin1", "application/json, text/plain"] as const;
const jsonType = fc.constantFrom(...JSON_TYPES);
/** A key no body schema of ours knows: an object carrying it is refused by every strict schema. */
const UNKNOWN_KEYS = ["__proto__", "constructor", "prototype", "isAdmin", "role\u0000", "zz", "$where", "\u202Eevil"] as const;

function withUnknownKey(value: Record<string, unknown>, key: string): string {
  // JSON.stringify drops a "__proto__" key set by assignment: write it into the text instead.
  const rest = JSON.stringify(value).slice(1);
  return `{${JSON.stringify(key)}:{"isAdmin":true,"role":"admin"}${rest === "}" ? "}" : `,${rest}`}`;
}

const hostileBody: fc.Arbitrary<BodyCase> = fc.oneof(
  // Not JSON at all, or not said to be.
  fc.constantFrom<BodyCase>(
    { body: '{"accountIds":[]}' },
    { contentType: "text/plain", body: "{}" },
    { contentType: "text/plain", body: '{"profileUrl":"x"}' },
    { contentType: "application/x-www-form-urlencoded", body: "email=a%40b.c&role=admin&accountIds=linkup" },
    { contentType: "multipart/form-data; boundary=zz", body: '--zz\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.c\r\n--zz--\r\n' },
    { contentType: "application/jsonp", body: "{}" },
    { contentType: "application/xml", body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' },
    { contentType: "text/html", body: "<script>alert(1)</script>" },
    { contentType: "application/octet-stream", body: "\u0000\u0001\u0002{}" },
  ),
  // Said to be JSON, is not.
  fc.tuple(jsonType, fc.constantFrom("{", "}", "undefined", "NaN", "{'a':1}", "", " ", "\u0000", "[1,2", '{"a":1}}', '{"a":1,}', "{a:1}", '{"a":01}', "\uFEFF\uFEFF{}", "// {}", '"unterminated', "1e99999x")).map(([contentType, body]) => ({ contentType, body })),
  // JSON, but not an object.
  fc.tuple(jsonType, fc.constantFrom("[]", "[{}]", "1", "-0", "1e400", '"a string"', "null", "true", "false", '[{"accountIds":[]}]')).map(([contentType, body]) => ({ contentType, body })),
  // Deep nesting (under the 16 KB cap).
  fc.tuple(jsonType, fc.integer({ min: 100, max: 7_000 })).map(([contentType, depth]) => ({ contentType, body: "[".repeat(depth) + "]".repeat(depth) })),
  fc.tuple(jsonType, fc.integer({ min: 100, max: 2_400 })).map(([contentType, depth]) => ({ contentType, body: `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}` })),
  // Huge arrays: over the 100 accounts an assignment may name, and over the body cap.
  fc.tuple(jsonType, fc.integer({ min: 101, max: 1_500 })).map(([contentType, count]) => ({ contentType, body: JSON.stringify({ accountIds: Array.from({ length: count }, () => ACCOUNTS.linkupV2) }) })),
  fc.tuple(jsonType, fc.integer({ min: 2_000, max: 20_000 })).map(([contentType, count]) => ({ contentType, body: JSON.stringify(Array.from({ length: count }, (_, i) => i)) })),
  // Prototype pollution and other keys nobody asked for, next to fields of the right names.
  fc
    .tuple(
      jsonType,
      fc.constantFrom(...UNKNOWN_KEYS),
      fc.constantFrom<Record<string, unknown>>(
        {},
        { accountIds: [ACCOUNTS.linkupV2] },
        { accountIds: [] },
        { email: "new-rep@threadline.test", role: "admin", accountIds: [] },
        { profileUrl: "https://example.com/in/jane" },
        { token: "x".repeat(40), name: "Mallory", password: "password-password" },
        { email: "mallory@threadline.test", name: "Mallory", password: "password-password" },
      ),
    )
    .map(([contentType, key, fields]) => ({ contentType, body: withUnknownKey(fields, key) })),
  // Over 16 KB: declared, and streamed in chunks with no length.
  fc.tuple(jsonType, fc.integer({ min: 16_500, max: 64_000 }), fc.boolean()).map(([contentType, length, chunked]) => ({ contentType, body: JSON.stringify({ profileUrl: "a".repeat(length) }), chunked })),
  // Numbers, arrays, objects and nulls where strings go; strings where lists go.
  fc.tuple(
    jsonType,
    fc.constantFrom(
      '{"profileUrl":12345}',
      '{"profileUrl":["https://example.com"]}',
      '{"profileUrl":"https://example.com/x","channel":42}',
      '{"email":1,"role":"rep","accountIds":[]}',
      '{"email":"a@b.c","role":"owner","accountIds":[]}',
      '{"email":"a@b.c","role":"rep","accountIds":"linkup"}',
      '{"email":"a@b.c","accountIds":[1,2]}',
      '{"accountIds":"linkup"}',
      '{"accountIds":[null]}',
      '{"accountIds":[{"$ne":null}]}',
      '{"accountIds":[""]}',
      '{"accountIds":["linkup\\u0000"]}',
      '{"token":1e400,"name":"x","password":"xxxxxxxxxx"}',
      '{"token":"short","name":"x","password":"xxxxxxxxxx"}',
      '{"name":[],"email":{},"password":null}',
      '{"email":"a@b.c","name":"x","password":"short"}',
      '{"email":"a\\u0000@b.c","name":"x","password":"xxxxxxxxxxxx"}',
      '{"email":"\' OR 1=1--","name":"<script>","password":"xxxxxxxxxxxx"}',
      '{"profileUrl":"\\u0000"}',
      '{"profileUrl":"javascript:alert(1)"}',
      '{"profileUrl":"https://evil.example/in/jane"}',
      '{"profileUrl":"   "}',
      '{"profileUrl":"\\u202Eni/moc.nideknil.www//:sptth"}',
      '{"provider":"evil","callbackURL":"https://evil.example"}',
      '{"provider":{"__proto__":1}}',
    ),
  ).map(([contentType, body]) => ({ contentType, body })),
  // Any JSON at all, made unacceptable by a key no schema knows.
  fc.tuple(jsonType, fc.jsonValue({ maxDepth: 4 })).map(([contentType, value]) => ({
    contentType,
    body: value !== null && typeof value === "object" && !Array.isArray(value) ? withUnknownKey(value, "zz") : JSON.stringify(value) ?? "null",
  })),
);

// ---------------------------------------------------------------- headers

/** Mostly plain; now and then a request that says it comes from another site (refused before parsing). */
const originHeaders = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Record<string, string>>({}) },
  { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site", origin: "http://127.0.0.1:1" }) },
);

// ---------------------------------------------------------------- cases

type Ids = { conversationId: string };

/** Path params that pass the gate for the admin: real accounts, a real conversation; made-up ids elsewhere. */
function validParams(ids: Ids): Record<string, fc.Arbitrary<string>> {
  return {
    accountId: fc.constantFrom(ACCOUNTS.linkupV2, ACCOUNTS.linkupV1, ACCOUNTS.connectSafely, ACCOUNTS.linkedApi),
    conversationId: fc.constant(encodeURIComponent(ids.conversationId)),
    personId: fc.constantFrom("zz-no-such-person", "person-0"),
    invitationId: fc.constant("zz-no-such-invitation"),
    userId: fc.constant("zz-no-such-user"),
  };
}

const AUTH = "/api/auth/[...all]";
const CATCH_ALL = "/api/[...path]";
/** Better Auth endpoints whose parsers are worth reaching (POST, with a body they refuse). */
const AUTH_BODY_PATHS = ["/api/auth/sign-in/email", "/api/auth/sign-in/social"] as const;

function kindsFor(method: HttpMethod): Kind[] {
  return method === "GET" ? ["path", "query"] : ["path", "query", "body"];
}

function caseArbitrary(route: ApiRouteFile, method: HttpMethod, kind: Kind, ids: Ids): fc.Arbitrary<FuzzCase> {
  // A hostile body goes with hostile paths and queries too (GET included: it must be ignored).
  const body: fc.Arbitrary<BodyCase | undefined> = kind === "body" ? hostileBody : fc.option(hostileBody, { nil: undefined, freq: 2 });
  return fc.record({ target: targetArbitrary(route, method, kind, validParams(ids)), body, headers: originHeaders }).map(
    ({ target, body, headers }): FuzzCase => ({
      route: route.template,
      method,
      kind,
      target,
      headers: { ...headers, ...(body?.contentType ? { "content-type": body.contentType } : {}) },
      ...(body ? { body: body.body, chunked: body.chunked } : {}),
    }),
  );
}

function targetArbitrary(route: ApiRouteFile, method: HttpMethod, kind: Kind, params: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  if (route.template === CATCH_ALL) {
    // Never a real first segment: "zz…" or a hostile one.
    const first = randomSegment.map((segment) => (segment.startsWith("zz") || /^[%.]/.test(segment) ? segment : `zz${segment}`));
    return fc.tuple(first, fc.option(randomSegment, { nil: undefined }), kind === "body" ? fc.constant("") : invalidQuery).map(([a, b, query]) => `/api/${a}${b ? `/${b}` : ""}${query}`);
  }
  if (route.template === AUTH) {
    // A body for Better Auth's own parsers, or an endpoint it does not have.
    if (method === "POST" && kind !== "path") return fc.tuple(fc.constantFrom(...AUTH_BODY_PATHS), kind === "body" ? fc.constant("") : invalidQuery).map(([path, query]) => `${path}${query}`);
    return fc.tuple(randomSegment, invalidQuery).map(([segment, query]) => `/api/auth/zz-${segment}${query}`);
  }
  const slots = route.segments.map((segment, index) => ({ segment, index })).filter(({ segment }) => segment.startsWith("["));
  const valid = fc.tuple(...route.segments.map((segment) => (segment.startsWith("[") ? params[segment.slice(1, -1)] ?? fc.constant("zz") : fc.constant(segment))));
  if (kind === "path") {
    // A hostile segment in a param's place, or after the route's own path. Dot segments only in the
    // middle of a path of four or more: the resolved path is still /api/{x}/{y} (not a page, not /api
    // itself, and not one ending in "/", which Next answers with a 308 to the path without it).
    const hostile = (index: number) => (index >= 2 && index < route.segments.length - 1 && route.segments.length >= 4 ? fc.oneof({ weight: 6, arbitrary: randomSegment }, { weight: 1, arbitrary: fc.constantFrom(...DOT_SEGMENTS) }) : randomSegment);
    const where = slots.length > 0 ? fc.constantFrom(...slots.map((slot) => slot.index), route.segments.length) : fc.constant(route.segments.length);
    return fc
      .tuple(valid, where)
      .chain(([segments, index]) => fc.tuple(fc.constant(segments), fc.constant(index), index < segments.length ? hostile(index) : randomSegment, invalidQuery))
      .map(([segments, index, segment, query]) => {
        const path = [...segments];
        if (index < path.length) path[index] = segment;
        else path.push(segment);
        return `/${path.join("/")}${query}`;
      });
  }
  return fc.tuple(valid, kind === "query" ? invalidQuery : fc.constant("")).map(([segments, query]) => `/${segments.join("/")}${query}`);
}

// ---------------------------------------------------------------- sending

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/**
 * One request as written, on its own client address: the public doors' per-address limit and Better
 * Auth's per-address limits are shared with the rest of the run, and these requests must not use
 * them up (the app reads the address from X-Forwarded-For, as behind Vercel's proxy).
 */
function send(fuzz: FuzzCase, cookie: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = fuzz.body === undefined ? undefined : Buffer.from(fuzz.body, "utf8");
    const headers: Record<string, string> = {
      ...fuzz.headers,
      cookie,
      "x-forwarded-for": `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
      // Better Auth checks Origin on a request with a cookie; our gate accepts our own.
      ...(fuzz.headers.origin || fuzz.headers["sec-fetch-site"] ? {} : { origin: E2E.appUrl }),
      // Node sends a DELETE or GET body unframed unless told: say how long it is, or that it comes in chunks.
      ...(body ? (fuzz.chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(body.length) }) : {}),
    };
    let answered = false;
    const req = http.request({ host: "127.0.0.1", port: E2E.appPort, method: fuzz.method, path: fuzz.target, headers, agent }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers["content-type"] ?? ""), text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error("no answer in 30 s")));
    // The server may answer (413-like 400) before it has read a large body: that answer counts.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    if (body && fuzz.chunked) {
      for (let offset = 0; offset < body.length; offset += 4_096) req.write(body.subarray(offset, offset + 4_096));
      req.end();
    } else {
      req.end(body);
    }
  });
}

async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  const queue = items.entries();
  const worker = async () => {
    for (const [index, item] of queue) results[index] = await work(item);
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

// ---------------------------------------------------------------- checking

/** What is wrong with this answer, or null. */
function problemWith(fuzz: FuzzCase, answer: Answer): string | null {
  if (answer.status < 400 || answer.status > 499) return `status ${answer.status}`;
  if (!/^application\/json\b/i.test(answer.contentType)) return `${answer.status} with content-type "${answer.contentType}" (not JSON)`;
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    return `${answer.status}: the body is not JSON`;
  }
  if (errorEnvelopeSchema.safeParse(json).success) return null;
  return `${answer.status}: not an error envelope`;
}

function show(fuzz: FuzzCase): string {
  const short = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);
  return JSON.stringify({ ...fuzz, target: short(fuzz.target), ...(fuzz.body !== undefined ? { body: short(fuzz.body) } : {}) });
}

test("1,000+ hostile requests on every route and method: 4xx JSON answers, no 5xx, no upstream call", async ({ request }) => {
  test.setTimeout(120_000);
  const upstream = fakeUpstream(request);
  await upstream.reset();
  const [conversationId] = await upstream.conversationIds();
  if (!conversationId) throw new Error("the fake upstream has no conversation");

  // The admin, signed in in a session of this test's own.
  const admin = await playwrightRequest.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { "x-forwarded-for": `10.${randomInt(256)}.${randomInt(256)}.7` } });
  const signIn = await admin.post("/api/auth/sign-in/email", { data: { email: E2E.admin.email, password: E2E.admin.password } });
  expect(signIn.status(), await signIn.text()).toBe(200);
  const cookie = (await admin.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  expect(cookie).toContain("session_token");

  const routes = apiRouteFiles();
  let stream = 0;
  const cases = routes.flatMap((route) =>
    HTTP_METHODS.flatMap((method) =>
      kindsFor(method).flatMap((kind) =>
        fc.sample(caseArbitrary(route, method, kind, { conversationId }), { seed: SEED + stream++, numRuns: method === "GET" ? CASES_PER_KIND.GET : CASES_PER_KIND.other }),
      ),
    ),
  );

  const before = await upstream.stats();
  const started = Date.now();
  const answers = await mapLimit(cases, CONCURRENCY, async (fuzz) => {
    try {
      return await send(fuzz, cookie);
    } catch (error) {
      return { status: 0, contentType: "", text: `no answer: ${error instanceof Error ? error.message : String(error)}` };
    }
  });
  const seconds = (Date.now() - started) / 1000;
  const after = await upstream.stats();

  const failures = cases.flatMap((fuzz, i) => {
    const answer = answers[i]!;
    const problem = problemWith(fuzz, answer);
    return problem ? [`${problem} ← ${show(fuzz)} → ${answer.text.slice(0, 200)}`] : [];
  });
  const statuses = answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});
  const summary = `seed ${SEED} (FUZZ_SEED=${SEED} to repeat): ${cases.length} requests over ${routes.length} routes × ${HTTP_METHODS.length} methods in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(statuses)}`;
  test.info().annotations.push({ type: "fuzz", description: summary });
  console.log(summary);

  expect(cases.length).toBeGreaterThanOrEqual(MIN_REQUESTS);
  expect.soft(failures, `${summary}\n${failures.length} answers were not 4xx JSON errors:\n${failures.slice(0, 25).join("\n")}`).toEqual([]);
  expect(after.calls, `${summary}: calls reached the fake upstream`).toEqual(before.calls);
  expect(after.credits).toBe(before.credits);

  // The admin's session survived all of it.
  expect((await admin.get("/api/me")).status()).toBe(200);
  await admin.post("/api/auth/sign-out", { data: {}, headers: { origin: E2E.appUrl } });
  await admin.dispose();
});
