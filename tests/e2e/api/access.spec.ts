import { randomInt, randomUUID } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { usageResponseSchema } from "@/lib/contracts/usage";
import { accountsResponseSchema, changesResponseSchema, conversationsPageSchema, messagesPageSchema, peopleResponseSchema, personResponseSchema, readMarkResponseSchema, readMarksResponseSchema, sendResultSchema } from "@/lib/contracts/api";
import { errorEnvelopeSchema, type ErrorCode } from "@/lib/contracts/errors";
import { invitationCreatedSchema, memberResponseSchema, teamResponseSchema } from "@/lib/contracts/team";
import { apiRouteFiles, fillTemplate, HTTP_METHODS, paramNames, type ApiRouteFile, type HttpMethod } from "../support/api-routes";
import { ACCOUNTS, ADMIN_STATE, E2E } from "../support/env";
import { fakeUpstream } from "../support/fake-upstream";

/**
 * Issue 9, "only the right rep gets in": every route file under app/api, every method it exports,
 * read from disk at test time. Without a session: 401. A rep on an account they are not assigned:
 * 404, whatever the method, query or body. On their own account: 2xx (405 for a method the route
 * does not serve). The team routes: 404 for a rep, 2xx for the admin. Two reps with different
 * accounts and the admin; a new route with no entry in the table below fails the first test.
 */

type Params = Record<string, string>;
/** One request: the path params, a query string (without "?") and a JSON body. */
type Call = { params: Params; query?: string; body?: unknown };
type Who = "admin" | "A" | "B";

type Rep = { context: APIRequestContext; email: string; userId: string; accountIds: string[] };
type World = {
  runId: string;
  admin: APIRequestContext;
  anonymous: APIRequestContext;
  reps: Record<"A" | "B", Rep>;
  /** A real conversation of rep A's account, from its conversations list. */
  conversationId: string;
  /** A person rep B added to the Linked API account (in the path of the people/{personId} routes). */
  personId: string;
  /** What the run created, removed in afterAll. */
  created: { people: string[]; invitations: string[] };
};

type Served = { status: number; build: (world: World) => Promise<Call>; check?: (body: unknown, world: World) => void };
type Entry = {
  access: "member" | "admin";
  /** Who is allowed: the rep whose account it is, or the admin for the team routes. */
  as: Who;
  /** Path params naming things that exist: used for the methods a route does not serve and the gate checks. */
  params: (world: World) => Params;
  /** One valid request per method the route serves (the keys must be exactly the routeMethods({...}) keys). */
  served: Partial<Record<HttpMethod, Served>>;
};
/** A route open to the signed-out: what it answers instead, proving it hands out nothing. */
type PublicEntry = { served: HttpMethod[]; check: (world: World, problems: string[]) => Promise<void> };

const LINKUP = ACCOUNTS.linkupV2;
const NOBODYS_ACCOUNT = ACCOUNTS.linkupV1;
const REP_ACCOUNTS = { A: [ACCOUNTS.linkupV2], B: [ACCOUNTS.connectSafely, ACCOUNTS.linkedApi] } as const;
const PASSWORD = "e2e-rep-password-5d1c7a93";
/** Junk that would fail every parser: the 404/401/405 must come before any of it is read. */
const JUNK_QUERY = "limit=abc&limit=2&__proto__=1&since=-1";
const JUNK_BODY = "{not json";

/**
 * The public routes' per-client-address limit (30 a minute) is shared by every test of the run that
 * joins or sets up: this file's requests come from an address of their own (the app reads it from
 * X-Forwarded-For, as it does behind Vercel's proxy), so repeating the file cannot starve the others.
 */
let clientAddress = "";
const forwardedFor = () => ({ "x-forwarded-for": clientAddress });

let personCount = 0;
function newProfileUrl(world: World): string {
  personCount += 1;
  return `https://www.linkedin.com/in/access-${world.runId}-${personCount}`;
}

async function addPerson(world: World): Promise<string> {
  const response = await world.reps.B.context.post(`/api/accounts/${ACCOUNTS.linkedApi}/people`, { data: { profileUrl: newProfileUrl(world) } });
  expect(response.status(), await response.text()).toBe(201);
  const { person } = personResponseSchema.parse(await response.json());
  world.created.people.push(person.id);
  return person.id;
}

async function createInvitation(admin: APIRequestContext, email: string, accountIds: readonly string[]): Promise<{ id: string; token: string }> {
  const response = await admin.post("/api/team/invitations", { data: { email, role: "rep", accountIds } });
  expect(response.status(), await response.text()).toBe(201);
  const { invitation, link } = invitationCreatedSchema.parse(await response.json());
  const token = /\/join\/([^/?#]+)$/.exec(link)?.[1];
  if (!token) throw new Error(`no token in the invitation link ${link}`);
  return { id: invitation.id, token: decodeURIComponent(token) };
}

async function memberId(admin: APIRequestContext, email: string): Promise<string> {
  const team = teamResponseSchema.parse(await (await admin.get("/api/team")).json());
  const member = team.members.find((m) => m.email === email);
  if (!member) throw new Error(`${email} is not on the team`);
  return member.id;
}

/** Invites a rep with these accounts and joins as them in a context of their own (cookies kept). */
async function joinAsRep(admin: APIRequestContext, runId: string, label: string, accountIds: readonly string[]): Promise<Rep> {
  const email = `rep-${label}-${runId}@threadline.test`;
  const { token } = await createInvitation(admin, email, accountIds);
  const context = await playwrightRequest.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: forwardedFor() });
  const joined = await context.post("/api/join", { data: { token, name: `Rep ${label}`, password: PASSWORD } });
  expect(joined.status(), await joined.text()).toBe(201);
  const me = await context.get("/api/me");
  expect(me.status(), await me.text()).toBe(200);
  return { context, email, userId: await memberId(admin, email), accountIds: [...accountIds] };
}

const TABLE: Record<string, Entry> = {
  "/api/accounts": {
    access: "member",
    as: "A",
    params: () => ({}),
    served: {
      GET: {
        status: 200,
        build: async () => ({ params: {} }),
        // A rep is told of their own accounts only.
        check: (body) => expect(accountsResponseSchema.parse(body).accounts.map((a) => a.id)).toEqual([...REP_ACCOUNTS.A]),
      },
    },
  },
  "/api/me": {
    access: "member",
    as: "A",
    params: () => ({}),
    served: { GET: { status: 200, build: async () => ({ params: {} }), check: (body, w) => expect(body).toEqual({ viewer: { kind: "member", name: "Rep a", email: w.reps.A.email, isAdmin: false } }) } },
  },
  "/api/accounts/[accountId]/conversations": {
    access: "member",
    as: "A",
    params: () => ({ accountId: LINKUP }),
    served: { GET: { status: 200, build: async () => ({ params: { accountId: LINKUP }, query: "limit=5" }), check: (body) => conversationsPageSchema.parse(body) } },
  },
  "/api/accounts/[accountId]/conversations/[conversationId]/messages": {
    access: "member",
    as: "A",
    params: (w) => ({ accountId: LINKUP, conversationId: w.conversationId }),
    served: {
      GET: {
        status: 200,
        build: async (w) => ({ params: { accountId: LINKUP, conversationId: w.conversationId }, query: "limit=5" }),
        check: (body) => expect(messagesPageSchema.parse(body).messages.length).toBeGreaterThan(0),
      },
      // A reply: sent (Linkup answers at once), a new message each time (its own clientId).
      POST: {
        status: 200,
        build: async (w) => ({ params: { accountId: LINKUP, conversationId: w.conversationId }, body: { text: `Access check ${w.runId}`, clientId: randomUUID() } }),
        check: (body) => expect(sendResultSchema.parse(body).status).toBe("sent"),
      },
    },
  },
  // The rep's own read mark: read through a message, then unread again.
  "/api/accounts/[accountId]/conversations/[conversationId]/read": {
    access: "member",
    as: "A",
    params: (w) => ({ accountId: LINKUP, conversationId: w.conversationId }),
    served: {
      PUT: {
        status: 200,
        build: async (w) => ({ params: { accountId: LINKUP, conversationId: w.conversationId }, body: { readThrough: 1 } }),
        check: (body, w) => expect(readMarkResponseSchema.parse(body)).toEqual({ conversationId: w.conversationId, readThrough: 1 }),
      },
      DELETE: {
        status: 200,
        build: async (w) => ({ params: { accountId: LINKUP, conversationId: w.conversationId }, body: {} }),
        check: (body, w) => expect(readMarkResponseSchema.parse(body)).toEqual({ conversationId: w.conversationId, readThrough: null }),
      },
    },
  },
  // The rep's marks set on any of their devices since a time: our database only.
  "/api/accounts/[accountId]/read-marks": {
    access: "member",
    as: "A",
    params: () => ({ accountId: LINKUP }),
    served: {
      GET: { status: 200, build: async () => ({ params: { accountId: LINKUP }, query: "since=0" }), check: (body) => readMarksResponseSchema.parse(body) },
    },
  },
  "/api/accounts/[accountId]/usage": {
    access: "member",
    as: "A",
    params: () => ({ accountId: LINKUP }),
    served: { GET: { status: 200, build: async () => ({ params: { accountId: LINKUP } }), check: (body) => usageResponseSchema.parse(body) } },
  },
  "/api/accounts/[accountId]/changes": {
    access: "member",
    as: "B",
    params: () => ({ accountId: ACCOUNTS.connectSafely }),
    served: {
      GET: { status: 200, build: async () => ({ params: { accountId: ACCOUNTS.connectSafely }, query: "since=0" }), check: (body) => changesResponseSchema.parse(body) },
    },
  },
  "/api/accounts/[accountId]/people": {
    access: "member",
    as: "B",
    params: () => ({ accountId: ACCOUNTS.linkedApi }),
    served: {
      GET: { status: 200, build: async () => ({ params: { accountId: ACCOUNTS.linkedApi } }), check: (body) => peopleResponseSchema.parse(body) },
      POST: {
        status: 201,
        build: async (w) => ({ params: { accountId: ACCOUNTS.linkedApi }, body: { profileUrl: newProfileUrl(w) } }),
        check: (body, w) => void w.created.people.push(personResponseSchema.parse(body).person.id),
      },
    },
  },
  "/api/accounts/[accountId]/people/[personId]": {
    access: "member",
    as: "B",
    params: (w) => ({ accountId: ACCOUNTS.linkedApi, personId: w.personId }),
    served: {
      // A person of its own, created first: this one is removed.
      DELETE: { status: 200, build: async (w) => ({ params: { accountId: ACCOUNTS.linkedApi, personId: await addPerson(w) }, body: {} }), check: (body) => expect(body).toEqual({ removed: true }) },
    },
  },
  "/api/accounts/[accountId]/people/[personId]/sync": {
    access: "member",
    as: "B",
    params: (w) => ({ accountId: ACCOUNTS.linkedApi, personId: w.personId }),
    served: { POST: { status: 200, build: async (w) => ({ params: { accountId: ACCOUNTS.linkedApi, personId: w.personId }, body: {} }), check: (body) => personResponseSchema.parse(body) } },
  },
  "/api/team": {
    access: "admin",
    as: "admin",
    params: () => ({}),
    served: { GET: { status: 200, build: async () => ({ params: {} }), check: (body, w) => expect(teamResponseSchema.parse(body).members.map((m) => m.email)).toEqual(expect.arrayContaining([w.reps.A.email, w.reps.B.email])) } },
  },
  "/api/team/invitations": {
    access: "admin",
    as: "admin",
    params: () => ({}),
    served: {
      POST: {
        status: 201,
        build: async (w) => ({ params: {}, body: { email: `invited-${w.runId}@threadline.test`, role: "rep", accountIds: [LINKUP] } }),
        check: (body, w) => void w.created.invitations.push(invitationCreatedSchema.parse(body).invitation.id),
      },
    },
  },
  "/api/team/invitations/[invitationId]": {
    access: "admin",
    as: "admin",
    params: () => ({ invitationId: "no-such-invitation" }),
    served: {
      DELETE: {
        status: 200,
        build: async (w) => ({ params: { invitationId: (await createInvitation(w.admin, `revoked-${w.runId}@threadline.test`, [])).id }, body: {} }),
        check: (body) => expect(body).toEqual({ revoked: true }),
      },
    },
  },
  "/api/team/members/[userId]/accounts": {
    access: "admin",
    as: "admin",
    params: (w) => ({ userId: w.reps.A.userId }),
    served: {
      // Rep A keeps the accounts they have: the change of assignments is the last test's.
      PUT: {
        status: 200,
        build: async (w) => ({ params: { userId: w.reps.A.userId }, body: { accountIds: [...REP_ACCOUNTS.A] } }),
        check: (body) => expect(memberResponseSchema.parse(body).member.accountIds).toEqual([...REP_ACCOUNTS.A]),
      },
    },
  },
  "/api/team/members/[userId]": {
    access: "admin",
    as: "admin",
    params: (w) => ({ userId: w.reps.A.userId }),
    served: {
      // A rep of its own, who joins first: this one is removed.
      DELETE: {
        status: 200,
        build: async (w) => {
          const rep = await joinAsRep(w.admin, w.runId, "removed", []);
          await rep.context.dispose();
          return { params: { userId: rep.userId }, body: {} };
        },
        check: (body) => expect(body).toEqual({ removed: true }),
      },
    },
  },
};

const PUBLIC: Record<string, PublicEntry> = {
  // Better Auth's own endpoints: without a cookie there is no session, and nothing else to read.
  "/api/auth/[...all]": {
    served: ["GET", "POST"],
    check: async (w, problems) => {
      const session = await w.anonymous.get("/api/auth/get-session");
      if (session.status() !== 200 || (await session.text()) !== "null") problems.push(`GET /api/auth/get-session without a cookie: ${session.status()} ${await session.text()}`);
      const signIn = await w.anonymous.post("/api/auth/sign-in/email", { data: { email: `nobody-${w.runId}@threadline.test`, password: "not-the-password-1" } });
      await expectError(signIn, 401, "unauthenticated", "POST /api/auth/sign-in/email, an unknown email", problems);
      // Better Auth's endpoints the app does not use are not served, to a signed-in rep either: a
      // name the join form never checked, or every session's token.
      const rep = w.reps.A.context;
      await expectError(await rep.post("/api/auth/update-user", { data: { name: "" }, headers: { origin: E2E.appUrl } }), 404, "not_found", "POST /api/auth/update-user as a rep", problems);
      await expectError(await rep.get("/api/auth/list-sessions"), 404, "not_found", "GET /api/auth/list-sessions as a rep", problems);
      await expectError(await w.anonymous.post("/api/auth/sign-up/email", { data: { email: `nobody-${w.runId}@threadline.test`, password: "not-the-password-1", name: "Nobody" } }), 404, "not_found", "POST /api/auth/sign-up/email", problems);
      for (const method of ["PUT", "PATCH", "DELETE"] as const) {
        await expectError(await send(w.anonymous, method, "/api/auth/get-session", { junk: true }), 405, "method_not_allowed", `${method} /api/auth/get-session`, problems, "GET, POST");
      }
    },
  },
  // Redeeming an invitation: a token that is not one, or a body that is not ours, signs nobody in.
  "/api/join": {
    served: ["POST"],
    check: async (w, problems) => {
      await expectError(await w.anonymous.post("/api/join", { data: { token: `bogus-token-${w.runId}-0000000000`, name: "Mallory", password: PASSWORD } }), 404, "not_found", "POST /api/join, a bogus token", problems);
      await expectError(await send(w.anonymous, "POST", "/api/join", { junk: true }), 400, "bad_request", "POST /api/join, junk", problems);
      // One link opened twice at once (a double tap, two devices): one account, and the other is told so.
      const { token } = await createInvitation(w.admin, `twice-${w.runId}@threadline.test`, []);
      const devices = await Promise.all([1, 2].map(() => playwrightRequest.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: forwardedFor() })));
      const [first, second] = await Promise.all(devices.map((device, n) => device.post("/api/join", { data: { token, name: `Twice ${n}`, password: PASSWORD } })));
      const statuses = [first!.status(), second!.status()].sort();
      if (statuses[0] !== 201 || statuses[1] === 201) problems.push(`POST /api/join twice at once: ${statuses.join(" and ")}, not one 201`);
      const refused = first!.status() === 201 ? second! : first!;
      await expectError(refused, refused.status() === 404 ? 404 : 409, refused.status() === 404 ? "not_found" : "conflict", "POST /api/join, the same link at once", problems);
      await Promise.all(devices.map((device) => device.dispose()));
      await expectError(await w.anonymous.post("/api/join", { data: { token: "short", name: "", password: "x", isAdmin: true } }), 400, "bad_request", "POST /api/join, a bad body", problems);
      for (const method of ["GET", "PUT", "PATCH", "DELETE"] as const) {
        await expectError(await send(w.anonymous, method, "/api/join", {}), 405, "method_not_allowed", `${method} /api/join`, problems, "POST");
      }
    },
  },
  // The first admin's setup: open only to an admin named in the environment who has no account
  // yet, and who gives the setup code (knowing an admin's email is not enough).
  "/api/setup": {
    served: ["POST"],
    check: async (w, problems) => {
      const setupCode = E2E.setupCode;
      await expectError(await w.anonymous.post("/api/setup", { data: { email: `mallory-${w.runId}@threadline.test`, name: "Mallory", password: PASSWORD, setupCode } }), 403, "forbidden", "POST /api/setup, not a named admin", problems);
      await expectError(await w.anonymous.post("/api/setup", { data: { email: E2E.admin.email, name: "Mallory", password: PASSWORD, setupCode } }), 409, "conflict", "POST /api/setup, the admin again", problems);
      await expectError(await w.anonymous.post("/api/setup", { data: { email: E2E.admin.email, name: "Mallory", password: PASSWORD, setupCode: `${setupCode}x` } }), 403, "forbidden", "POST /api/setup, a wrong setup code", problems);
      await expectError(await w.anonymous.post("/api/setup", { data: { email: E2E.admin.email, name: "Mallory", password: PASSWORD } }), 400, "bad_request", "POST /api/setup, no setup code", problems);
      await expectError(await send(w.anonymous, "POST", "/api/setup", { junk: true }), 400, "bad_request", "POST /api/setup, junk", problems);
      for (const method of ["GET", "PUT", "PATCH", "DELETE"] as const) {
        await expectError(await send(w.anonymous, method, "/api/setup", {}), 405, "method_not_allowed", `${method} /api/setup`, problems, "POST");
      }
    },
  },
  // A provider's delivery proves itself, not a session: without the account's signature it is a 401;
  // for an account that is not ConnectSafely or has no webhook, a 404 whatever the method.
  "/api/webhooks/connectsafely/[accountId]": {
    served: ["POST"],
    check: async (w, problems) => {
      const path = `/api/webhooks/connectsafely/${ACCOUNTS.connectSafely}`;
      await expectError(await send(w.anonymous, "POST", path, { body: { event: "message.received", data: {} } }), 401, "unauthenticated", `POST ${path}, unsigned`, problems);
      await expectError(await send(w.anonymous, "POST", path, { junk: true }), 400, "bad_request", `POST ${path} (junk query)`, problems);
      for (const method of ["GET", "PUT", "PATCH", "DELETE"] as const) {
        await expectError(await send(w.anonymous, method, path, {}), 405, "method_not_allowed", `${method} ${path}`, problems, "POST");
      }
      for (const accountId of [LINKUP, ACCOUNTS.linkedApi, `made-up-${w.runId}`]) {
        const other = `/api/webhooks/connectsafely/${accountId}`;
        for (const method of HTTP_METHODS) await expectError(await send(w.anonymous, method, other, { junk: method !== "GET" }), 404, "not_found", `${method} ${other}`, problems);
      }
    },
  },
  // Linked API signs nothing: the secret in the URL is its proof; a wrong one is a 404 like no account.
  "/api/webhooks/linkedapi/[accountId]/[secret]": {
    served: ["POST"],
    check: async (w, problems) => {
      const path = `/api/webhooks/linkedapi/${ACCOUNTS.linkedApi}/${E2E.linkedApiWebhookSecret}`;
      await expectError(await send(w.anonymous, "POST", path, { body: { junk: true } }), 400, "bad_request", "POST the Linked API webhook, not an envelope", problems);
      for (const method of ["GET", "PUT", "PATCH", "DELETE"] as const) {
        await expectError(await send(w.anonymous, method, path, {}), 405, "method_not_allowed", `${method} the Linked API webhook`, problems, "POST");
      }
      for (const [accountId, secret] of [[ACCOUNTS.linkedApi, `wrong-${w.runId}`], [`made-up-${w.runId}`, E2E.linkedApiWebhookSecret], [ACCOUNTS.connectSafely, E2E.connectSafelyWebhookSecret]]) {
        const other = `/api/webhooks/linkedapi/${accountId}/${secret}`;
        for (const method of HTTP_METHODS) await expectError(await send(w.anonymous, method, other, { junk: method !== "GET" }), 404, "not_found", `${method} /api/webhooks/linkedapi/${accountId}/…`, problems);
      }
    },
  },
  // /api itself: the same 404 envelope.
  "/api": {
    served: [],
    check: async (w, problems) => {
      for (const context of [w.anonymous, w.reps.A.context]) {
        for (const method of HTTP_METHODS) await expectError(await send(context, method, "/api", { junk: method !== "GET" }), 404, "not_found", `${method} /api`, problems);
      }
    },
  },
  // Any other API path: our 404 envelope, signed in or not.
  "/api/[...path]": {
    served: [],
    check: async (w, problems) => {
      for (const context of [w.anonymous, w.reps.A.context]) {
        for (const method of HTTP_METHODS) {
          for (const path of [`/api/no-such-endpoint-${w.runId}`, `/api/accounts/${LINKUP}/nothing/here`, "/api/team/nope"]) {
            await expectError(await send(context, method, path, { junk: method !== "GET" }), 404, "not_found", `${method} ${path}`, problems);
          }
        }
      }
    },
  },
};

function send(context: APIRequestContext, method: HttpMethod, path: string, options: { query?: string; body?: unknown; junk?: boolean }): Promise<APIResponse> {
  const query = options.junk ? JUNK_QUERY : options.query;
  const url = query ? `${path}?${query}` : path;
  if (method === "GET") return context.fetch(url, { method, maxRedirects: 0 });
  if (options.junk) return context.fetch(url, { method, data: JUNK_BODY, headers: { "content-type": "text/plain" }, maxRedirects: 0 });
  return context.fetch(url, { method, data: options.body ?? {}, maxRedirects: 0 });
}

async function expectError(response: APIResponse, status: number, code: ErrorCode, what: string, problems: string[], allow?: string): Promise<void> {
  const text = await response.text();
  const found = `${what}: answered ${response.status()} ${text.slice(0, 200)}`;
  if (response.status() !== status) return void problems.push(`${found} (expected ${status} ${code})`);
  if (!/^application\/json/.test(response.headers()["content-type"] ?? "")) return void problems.push(`${found}: not JSON`);
  const envelope = errorEnvelopeSchema.safeParse(safeJson(text));
  if (!envelope.success || envelope.data.error.code !== code) return void problems.push(`${found} (expected the ${code} envelope)`);
  if (response.headers()["set-cookie"] !== undefined) problems.push(`${what}: set a cookie`);
  if (allow !== undefined && response.headers()["allow"] !== allow) problems.push(`${what}: Allow is ${response.headers()["allow"]}, expected ${allow}`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function contextOf(world: World, who: Who): APIRequestContext {
  return who === "admin" ? world.admin : world.reps[who].context;
}

function isAccountRoute(route: ApiRouteFile): boolean {
  return paramNames(route.template).includes("accountId");
}

function entryOf(route: ApiRouteFile): Entry {
  const entry = TABLE[route.template];
  if (!entry) throw new Error(`${route.file} has no entry in the table`);
  return entry;
}

const ROUTES = apiRouteFiles();
const GATED = ROUTES.filter((route) => !(route.template in PUBLIC));

let world: World;

test.beforeAll(async () => {
  const runId = `${Date.now().toString(36)}${randomInt(1_000_000).toString(36)}`;
  clientAddress = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const admin = await playwrightRequest.newContext({ baseURL: E2E.appUrl, storageState: ADMIN_STATE, extraHTTPHeaders: forwardedFor() });
  const anonymous = await playwrightRequest.newContext({ baseURL: E2E.appUrl, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: forwardedFor() });
  await fakeUpstream(admin).reset();
  const A = await joinAsRep(admin, runId, "a", REP_ACCOUNTS.A);
  const B = await joinAsRep(admin, runId, "b", REP_ACCOUNTS.B);
  const list = await A.context.get(`/api/accounts/${LINKUP}/conversations?limit=5`);
  expect(list.status(), await list.text()).toBe(200);
  const conversationId = conversationsPageSchema.parse(await list.json()).conversations[0]?.id;
  if (!conversationId) throw new Error("rep A's inbox is empty");
  world = { runId, admin, anonymous, reps: { A, B }, conversationId, personId: "", created: { people: [], invitations: [] } };
  world.personId = await addPerson(world);
});

test.afterAll(async () => {
  if (!world) return;
  for (const id of world.created.people) await world.admin.delete(`/api/accounts/${ACCOUNTS.linkedApi}/people/${encodeURIComponent(id)}`, { data: {} });
  for (const id of world.created.invitations) await world.admin.delete(`/api/team/invitations/${encodeURIComponent(id)}`, { data: {} });
  for (const rep of Object.values(world.reps)) {
    await world.admin.delete(`/api/team/members/${encodeURIComponent(rep.userId)}`, { data: {} });
    await rep.context.dispose();
  }
  await world.anonymous.dispose();
  await world.admin.dispose();
});

test("every route file under app/api exports all five methods and has an entry for each method it serves", () => {
  expect(ROUTES.length).toBeGreaterThanOrEqual(16);
  const templates = ROUTES.map((route) => route.template);
  for (const route of ROUTES) {
    expect(route.exported, `${route.file} must export every method (Next's own 405 has no body)`).toEqual([...HTTP_METHODS]);
    const expected = route.template in PUBLIC ? PUBLIC[route.template]!.served : Object.keys(TABLE[route.template]?.served ?? {});
    expect(route.template in TABLE || route.template in PUBLIC, `${route.file} has no entry in the access table`).toBe(true);
    expect(route.served, `${route.file}: the table's methods against its routeMethods({...})`).toEqual(HTTP_METHODS.filter((m) => expected.includes(m)));
  }
  for (const template of [...Object.keys(TABLE), ...Object.keys(PUBLIC)]) {
    expect(templates, `the table names ${template}, which is no route file`).toContain(template);
  }
  test.info().annotations.push({ type: "routes", description: `${ROUTES.length} route files, ${ROUTES.length * HTTP_METHODS.length} route × method pairs, ${ROUTES.reduce((n, r) => n + r.served.length, 0)} served` });
});

test("without a session every route and method answers 401, and the public ones hand out nothing", async () => {
  const problems: string[] = [];
  let count = 0;
  for (const route of GATED) {
    const path = fillTemplate(route.template, entryOf(route).params(world));
    for (const method of HTTP_METHODS) {
      for (const junk of [false, true]) {
        await expectError(await send(world.anonymous, method, path, { junk }), 401, "unauthenticated", `${method} ${path}${junk ? " (junk)" : ""}`, problems);
        count += 1;
      }
    }
  }
  for (const [template, entry] of Object.entries(PUBLIC)) {
    const before = problems.length;
    await entry.check(world, problems);
    if (problems.length > before) problems.push(`(above: ${template})`);
  }
  expect(problems).toEqual([]);
  expect(count).toBe(GATED.length * HTTP_METHODS.length * 2);
});

test("a rep gets 404 on an account they are not assigned, for every method, before any query or body is read", async () => {
  const problems: string[] = [];
  const strangers: Array<{ who: "A" | "B"; accountIds: string[] }> = [
    { who: "A", accountIds: [...REP_ACCOUNTS.B, NOBODYS_ACCOUNT, `made-up-${world.runId}`] },
    { who: "B", accountIds: [...REP_ACCOUNTS.A, NOBODYS_ACCOUNT, `made-up-${world.runId}`] },
  ];
  const accountRoutes = GATED.filter(isAccountRoute);
  expect(accountRoutes.length).toBeGreaterThanOrEqual(5);
  for (const route of accountRoutes) {
    const entry = entryOf(route);
    for (const { who, accountIds } of strangers) {
      for (const accountId of accountIds) {
        const path = fillTemplate(route.template, { ...entry.params(world), accountId });
        for (const method of HTTP_METHODS) {
          const valid = method === "POST" && route.template.endsWith("/people") ? { profileUrl: `https://www.linkedin.com/in/stranger-${world.runId}` } : {};
          await expectError(await send(world.reps[who].context, method, path, { body: valid }), 404, "not_found", `rep ${who}: ${method} ${path}`, problems);
          await expectError(await send(world.reps[who].context, method, path, { junk: true }), 404, "not_found", `rep ${who}: ${method} ${path} (junk)`, problems);
        }
      }
    }
  }
  expect(problems).toEqual([]);
  // A stranger's person was never added, whatever came before.
  const people = peopleResponseSchema.parse(await (await world.reps.B.context.get(`/api/accounts/${ACCOUNTS.linkedApi}/people`)).json()).people;
  expect(people.map((p) => p.profileUrl)).not.toContain(`https://www.linkedin.com/in/stranger-${world.runId}`);
});

test("on their own accounts a rep gets 2xx for every method a route serves and 405 for the others", async ({ request }) => {
  await fakeUpstream(request).reset();
  const problems: string[] = [];
  for (const route of GATED.filter((r) => entryOf(r).access === "member")) {
    await checkAllowed(route, entryOf(route), problems);
  }
  expect(problems).toEqual([]);
  // Each rep is told of their own accounts only.
  for (const who of ["A", "B"] as const) {
    const body = accountsResponseSchema.parse(await (await world.reps[who].context.get("/api/accounts")).json());
    expect(body.accounts.map((a) => a.id)).toEqual([...REP_ACCOUNTS[who]]);
  }
});

test("the team routes answer 404 to a rep, whatever the method, and 2xx to the admin", async () => {
  const problems: string[] = [];
  const teamRoutes = GATED.filter((r) => entryOf(r).access === "admin");
  expect(teamRoutes.map((r) => r.template).every((t) => t.startsWith("/api/team"))).toBe(true);
  expect(teamRoutes.length).toBeGreaterThanOrEqual(5);
  for (const route of teamRoutes) {
    const entry = entryOf(route);
    const path = fillTemplate(route.template, entry.params(world));
    for (const who of ["A", "B"] as const) {
      for (const method of HTTP_METHODS) {
        for (const junk of [false, true]) {
          await expectError(await send(world.reps[who].context, method, path, { junk, body: { accountIds: [...REP_ACCOUNTS.B, ...REP_ACCOUNTS.A] } }), 404, "not_found", `rep ${who}: ${method} ${path}${junk ? " (junk)" : ""}`, problems);
        }
      }
    }
    await checkAllowed(route, entry, problems);
  }
  expect(problems).toEqual([]);
  // Nothing a rep sent changed their own accounts.
  for (const who of ["A", "B"] as const) {
    const body = accountsResponseSchema.parse(await (await world.reps[who].context.get("/api/accounts")).json());
    expect(body.accounts.map((a) => a.id)).toEqual([...REP_ACCOUNTS[who]]);
  }
});

test("a changed assignment applies on the rep's next request, and a removed rep's next request is 401", async ({ request }) => {
  await fakeUpstream(request).reset();
  const { A, B } = world.reps;
  const problems: string[] = [];
  expect((await A.context.get(`/api/accounts/${LINKUP}/conversations?limit=1`)).status()).toBe(200);
  const moved = await world.admin.put(`/api/team/members/${encodeURIComponent(A.userId)}/accounts`, { data: { accountIds: [ACCOUNTS.connectSafely] } });
  expect(moved.status(), await moved.text()).toBe(200);
  await expectError(await A.context.get(`/api/accounts/${LINKUP}/conversations?limit=1`), 404, "not_found", "rep A on linkup, right after it was taken away", problems);
  expect(problems).toEqual([]);
  expect((await A.context.get(`/api/accounts/${ACCOUNTS.connectSafely}/conversations?limit=1`)).status()).toBe(200);
  expect(accountsResponseSchema.parse(await (await A.context.get("/api/accounts")).json()).accounts.map((a) => a.id)).toEqual([ACCOUNTS.connectSafely]);

  expect((await B.context.get("/api/me")).status()).toBe(200);
  const removed = await world.admin.delete(`/api/team/members/${encodeURIComponent(B.userId)}`, { data: {} });
  expect(removed.status(), await removed.text()).toBe(200);
  await expectError(await B.context.get("/api/me"), 401, "unauthenticated", "rep B's next request after being removed", problems);
  await expectError(await B.context.get(`/api/accounts/${ACCOUNTS.linkedApi}/people`), 401, "unauthenticated", "rep B on their old account", problems);
  expect(problems).toEqual([]);
  // Signing in again does not bring them back either.
  await expectError(await B.context.post("/api/auth/sign-in/email", { data: { email: B.email, password: PASSWORD }, headers: { origin: E2E.appUrl } }), 401, "unauthenticated", "rep B signing in again", problems);
  expect(problems).toEqual([]);
  expect((await B.context.get("/api/me")).status()).toBe(401);
});

/** The allowed caller: the valid request of each served method answers its 2xx, any other method 405. */
async function checkAllowed(route: ApiRouteFile, entry: Entry, problems: string[]): Promise<void> {
  const context = contextOf(world, entry.as);
  for (const method of HTTP_METHODS) {
    const served = entry.served[method];
    if (!served) {
      const path = fillTemplate(route.template, entry.params(world));
      await expectError(await send(context, method, path, { junk: true }), 405, "method_not_allowed", `${entry.as}: ${method} ${path}`, problems, route.served.join(", "));
      continue;
    }
    const call = await served.build(world);
    const path = fillTemplate(route.template, call.params);
    const response = await send(context, method, path, { query: call.query, body: call.body });
    const text = await response.text();
    if (response.status() !== served.status) {
      problems.push(`${entry.as}: ${method} ${path}${call.query ? `?${call.query}` : ""} answered ${response.status()} ${text.slice(0, 300)} (expected ${served.status})`);
      continue;
    }
    if (response.headers()["cache-control"] !== "private, no-store") problems.push(`${method} ${path}: cache-control ${response.headers()["cache-control"]}`);
    try {
      served.check?.(JSON.parse(text) as unknown, world);
    } catch (error) {
      problems.push(`${entry.as}: ${method} ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
