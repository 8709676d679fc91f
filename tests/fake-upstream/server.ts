/**
 * A local fake of the providers' HTTP APIs for browser tests, in its own process. Linkup v2 is served
 * by the same wire simulator as the demo account, from a small mutable fixture mailbox. Control
 * endpoints under /__control let a test add messages, inject faults and read call counts.
 * Run with `tsx --conditions=react-server` (the simulator's modules are server-only).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { z } from "zod";
import { handleLinkupV2Request } from "@/lib/server/linkup-v2-simulator/wire";
import { chaosFault, createFaultQueue, damage, faultSchema } from "./faults";
import { createFixtureMailbox } from "./fixture-mailbox";

const port = Number(process.env.FAKE_UPSTREAM_PORT ?? 4010);
const linkupKey = process.env.FAKE_LINKUP_API_KEY ?? "fake-linkup-key";
const linkupAccount = process.env.FAKE_LINKUP_ACCOUNT_ID ?? "acc_fake";

let fixture = createFixtureMailbox(Date.now() - 60_000);
const faults = createFaultQueue();
const stats = { calls: {} as Record<string, number>, credits: 0, faults: 0 };
/** Probability that any upstream call fails at random (the soak's chaos mode); 0 = off. */
let chaosRate = 0;

const appendSchema = z.object({ conversationId: z.string(), text: z.string().min(1), fromMe: z.boolean().default(false) });
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
  if (path === "/__control/faults" && method === "DELETE") {
    faults.clear();
    return sendJson(res, 200, { ok: true });
  }
  sendJson(res, 404, { error: "unknown control endpoint" });
}

async function linkup(req: IncomingMessage, path: string, body: string, res: ServerResponse): Promise<void> {
  const action = actionOf(body);
  stats.calls[action ?? "unknown"] = (stats.calls[action ?? "unknown"] ?? 0) + 1;
  const fault = faults.take(action) ?? chaosFault(chaosRate, Math.random);
  if (fault) stats.faults++;
  if (fault?.kind === "status") {
    return sendJson(res, fault.status, fault.body ?? { success: false, error: { code: "INTERNAL_ERROR", message: "injected" } }, fault.headers);
  }
  if (fault?.kind === "reset") {
    req.socket.destroy();
    return;
  }
  if (fault?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, fault.delayMs));

  const request = new Request(`http://fake-upstream${path}`, {
    method: req.method,
    headers: Object.entries(req.headers).flatMap(([key, value]) => (typeof value === "string" ? [[key, value] as [string, string]] : [])),
    body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
  });
  const response = await handleLinkupV2Request(request, { mailbox: fixture.mailbox, apiKey: linkupKey, accountId: linkupAccount });
  const text = await response.text();
  stats.credits += creditsIn(text);
  res.writeHead(response.status, { "content-type": "application/json" });
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

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const path = url.pathname;
  readBody(req)
    .then((body) => (path.startsWith("/__control/") ? control(url, req.method ?? "GET", body, res) : path.startsWith("/v2/") ? linkup(req, path, body, res) : sendJson(res, 404, { error: "not found" })))
    .catch((error: unknown) => sendJson(res, 400, { error: error instanceof Error ? error.message : "bad request" }));
});

server.listen(port, "127.0.0.1", () => {
  console.log(`fake upstream listening on http://127.0.0.1:${port}`);
});
