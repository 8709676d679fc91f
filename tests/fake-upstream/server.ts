/**
 * A local fake of the providers' HTTP APIs for browser tests, in its own process. All four speak
 * their own wire format over ONE small mutable fixture mailbox, each under its own path prefix:
 *   /v2/…        Linkup v2 (the same simulator as the demo account)
 *   /v1/…        Linkup v1
 *   /linkedin/…  ConnectSafely
 *   /linkedapi/… Linked API (stateful: which people are synchronized, which sends are under way)
 * Control endpoints under /__control let a test add messages, inject faults, read call counts and
 * have a provider deliver a webhook to the app (webhooks.ts).
 * Run with `tsx --conditions=react-server` (the simulator's modules are server-only).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { z } from "zod";
import { handleLinkupV2Request } from "@/lib/server/linkup-v2-simulator/wire";
import { handleConnectSafelyRequest } from "./connectsafely";
import { chaosFault, createFaultQueue, damage, faultSchema } from "./faults";
import { createFixtureMailbox, FIXTURE_SELF } from "./fixture-mailbox";
import { createLinkedApiFake } from "./linkedapi";
import { handleLinkupV1Request } from "./linkup-v1";
import { findThread } from "./connectsafely/project";
import { deliverSchema, deliverWebhook } from "./webhooks";

const port = Number(process.env.FAKE_UPSTREAM_PORT ?? 4010);
const linkupKey = process.env.FAKE_LINKUP_API_KEY ?? "fake-linkup-key";
const linkupAccount = process.env.FAKE_LINKUP_ACCOUNT_ID ?? "acc_fake";
const linkupLoginToken = process.env.FAKE_LINKUP_LOGIN_TOKEN ?? "fake-login-token";
const connectSafelyKey = process.env.FAKE_CONNECTSAFELY_API_KEY ?? "fake-connectsafely-key";
const connectSafelyAccount = process.env.FAKE_CONNECTSAFELY_ACCOUNT_ID ?? "507f1f77bcf86cd799439011";
const linkedApiToken = process.env.FAKE_LINKEDAPI_TOKEN ?? "fake-linkedapi-token";
const linkedApiIdentification = process.env.FAKE_LINKEDAPI_IDENTIFICATION_TOKEN ?? "fake-identification-token";
/** How long a Linked API sync takes here (the real one: minutes). */
const linkedApiSyncMs = Number(process.env.FAKE_LINKEDAPI_SYNC_MS ?? 2_000);
/** How long a Linked API send workflow takes here before its message is in the thread (the real one: 10–20 s). */
const linkedApiSendMs = Number(process.env.FAKE_LINKEDAPI_SEND_MS ?? 2_000);

let fixture = createFixtureMailbox(Date.now() - 60_000);
let linkedApi = newLinkedApiFake();

function newLinkedApiFake() {
  return createLinkedApiFake({
    mailbox: fixture.mailbox,
    self: FIXTURE_SELF,
    token: linkedApiToken,
    identificationToken: linkedApiIdentification,
    syncDelayMs: linkedApiSyncMs,
    sendDelayMs: linkedApiSendMs,
  });
}
const faults = createFaultQueue();
const stats = { calls: {} as Record<string, number>, credits: 0, faults: 0 };
/** Probability that any upstream call fails at random (the soak's chaos mode); 0 = off. */
let chaosRate = 0;

const appendSchema = z.object({ conversationId: z.string(), text: z.string().min(1), fromMe: z.boolean().default(false) });
const expireSchema = z.object({ personUrl: z.string() });
const chaosSchema = z.object({ rate: z.number().min(0).max(1) });

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

async function control(url: URL, method: string, body: string, res: ServerResponse): Promise<void> {
  const path = url.pathname;
  if (path === "/__control/health") return sendJson(res, 200, { ok: true });
  if (path === "/__control/stats" && method === "GET") return sendJson(res, 200, stats);
  if (path === "/__control/conversations" && method === "GET") return sendJson(res, 200, { ids: fixture.conversationIds() });
  if (path === "/__control/reset" && method === "POST") {
    fixture = createFixtureMailbox(Date.now() - 60_000);
    linkedApi = newLinkedApiFake();
    faults.clear();
    stats.calls = {};
    stats.credits = 0;
    stats.faults = 0;
    chaosRate = 0;
    return sendJson(res, 200, { ok: true });
  }
  if (path === "/__control/messages" && method === "POST") {
    const input = appendSchema.parse(JSON.parse(body));
    const message = fixture.append(input.conversationId, input.text, input.fromMe, Date.now());
    return message ? sendJson(res, 201, { message }) : sendJson(res, 404, { error: "no such conversation" });
  }
  if (path === "/__control/faults" && method === "POST") {
    faults.add(faultSchema.parse(JSON.parse(body)));
    return sendJson(res, 201, { ok: true });
  }
  if (path === "/__control/chaos" && method === "POST") {
    chaosRate = chaosSchema.parse(JSON.parse(body)).rate;
    return sendJson(res, 200, { ok: true });
  }
  if (path === "/__control/thread" && method === "GET") {
    const thread = fixture.mailbox.thread(url.searchParams.get("id") ?? "");
    return thread ? sendJson(res, 200, { messages: thread.messages }) : sendJson(res, 404, { error: "no such conversation" });
  }
  if (path === "/__control/webhooks/deliver" && method === "POST") {
    const outcome = await deliverWebhook(deliverSchema.parse(JSON.parse(body)), {
      findThread: (id) => findThread(fixture.mailbox, id),
      conversationOf: (personUrl, channel) => linkedApi.conversationOf(personUrl, channel),
      arrive: (id, text) => fixture.append(id, text, false, Date.now()),
      self: FIXTURE_SELF,
      connectSafelyAccountId: connectSafelyAccount,
      now: Date.now,
    });
    return sendJson(res, outcome.status, outcome.body);
  }
  if (path === "/__control/linkedapi/expire" && method === "POST") {
    linkedApi.expire(expireSchema.parse(JSON.parse(body)).personUrl);
    return sendJson(res, 200, { ok: true });
  }
  if (path === "/__control/faults" && method === "DELETE") {
    faults.clear();
    return sendJson(res, 200, { ok: true });
  }
  sendJson(res, 404, { error: "unknown control endpoint" });
}

type Upstream = { operation: string | undefined; handle: (request: Request) => Promise<Response> };

/** Which provider a path belongs to, the operation a fault can target, and who answers it. */
function upstreamFor(path: string, body: string): Upstream | undefined {
  const mailbox = fixture.mailbox;
  if (path.startsWith("/v2/")) {
    return { operation: actionOf(body), handle: (request) => handleLinkupV2Request(request, { mailbox, apiKey: linkupKey, accountId: linkupAccount }) };
  }
  if (path.startsWith("/v1/")) {
    return { operation: `v1:${lastSegment(path)}`, handle: (request) => handleLinkupV1Request(request, { mailbox, apiKey: linkupKey, loginToken: linkupLoginToken }) };
  }
  if (path.startsWith("/linkedin/")) {
    return {
      operation: `cs:${lastSegment(path)}`,
      handle: (request) => handleConnectSafelyRequest(request, { mailbox, apiKey: connectSafelyKey, accountId: connectSafelyAccount, self: FIXTURE_SELF }),
    };
  }
  if (path.startsWith("/linkedapi/")) {
    const operation = path.includes("/account/results/")
      ? "la:result"
      : /\/workflows\/[^/]+$/.test(path)
        ? "la:workflow-status"
        : `la:${lastSegment(path).replace(/^conversations\./, "")}`;
    const fake = linkedApi;
    return { operation, handle: (request) => fake.handle(request) };
  }
  return undefined;
}

/** Whether a call carries a cursor (in its query, or its JSON body as each provider names it): it asks for a later page. */
function asksLaterPage(url: URL, body: string): boolean {
  if (url.searchParams.has("nextCursor") || url.searchParams.has("cursor")) return true;
  try {
    const parsed = JSON.parse(body) as { params?: { cursor?: unknown }; next_cursor?: unknown; cursor?: unknown };
    return Boolean(parsed.params?.cursor ?? parsed.next_cursor ?? parsed.cursor);
  } catch {
    return false;
  }
}

function lastSegment(path: string): string {
  return path.split("/").filter(Boolean).pop() ?? "";
}

async function serveUpstream(req: IncomingMessage, url: URL, body: string, upstream: Upstream, res: ServerResponse): Promise<void> {
  const operation = upstream.operation ?? "unknown";
  stats.calls[operation] = (stats.calls[operation] ?? 0) + 1;
  const fault = faults.take(upstream.operation, asksLaterPage(url, body)) ?? chaosFault(chaosRate, Math.random);
  if (fault) stats.faults++;
  if (fault?.kind === "status") {
    return sendJson(res, fault.status, fault.body ?? { success: false, error: { code: "INTERNAL_ERROR", message: "injected" } }, fault.headers);
  }
  if (fault?.kind === "reset") {
    req.socket.destroy();
    return;
  }
  // Still answered (and a send still applied) after the wait, even if the caller gave up meanwhile:
  // the provider received it, the caller could not tell.
  if (fault?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, fault.delayMs));

  const request = new Request(`http://${req.headers.host ?? "fake-upstream"}${url.pathname}${url.search}`, {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([key, value]) => (typeof value === "string" ? [[key, value] as [string, string]] : [])),
    body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
  });
  const response = await upstream.handle(request);
  const text = await response.text();
  stats.credits += creditsIn(text);
  // The provider's own headers (ConnectSafely's X-RateLimit-*), minus a length a damaging fault would falsify.
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== "content-length"));
  res.writeHead(response.status, { "content-type": "application/json", ...headers });
  res.end(fault && response.ok ? damage(fault, text) : text);
}

function actionOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { action?: unknown };
    return typeof parsed.action === "string" ? parsed.action : undefined;
  } catch {
    return undefined;
  }
}

function creditsIn(text: string): number {
  try {
    const parsed = JSON.parse(text) as { metadata?: { credits_consumed?: unknown } };
    return typeof parsed.metadata?.credits_consumed === "number" ? parsed.metadata.credits_consumed : 0;
  } catch {
    return 0;
  }
}

const IDLE_SOCKET_MS = 10 * 60_000;

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const path = url.pathname;
  readBody(req)
    .then((body) => {
      if (path.startsWith("/__control/")) return control(url, req.method ?? "GET", body, res);
      const upstream = upstreamFor(path, body);
      return upstream ? serveUpstream(req, url, body, upstream, res) : sendJson(res, 404, { error: "not found" });
    })
    .catch((error: unknown) => sendJson(res, 400, { error: error instanceof Error ? error.message : "bad request" }));
});

// Node closes a keep-alive socket after 5 s idle; a test's request sent on that socket as it closes
// fails with ECONNRESET (seen once in CI). Idle sockets outlive any test instead.
server.keepAliveTimeout = IDLE_SOCKET_MS;
server.headersTimeout = IDLE_SOCKET_MS + 1_000;

server.listen(port, "127.0.0.1", () => {
  console.log(`fake upstream listening on http://127.0.0.1:${port}`);
});
