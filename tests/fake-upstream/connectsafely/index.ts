import type { z } from "zod";
import type { LinkupMailbox } from "@/lib/server/linkup-v2-simulator/mailbox";
import { jsonOf } from "../json-body";
import {
  conversationDetails,
  conversationDetailsQuerySchema,
  recentMessages,
  recentMessagesQuerySchema,
  sendBodySchema,
  sendMessage,
  type EndpointContext,
  type Outcome,
} from "./endpoints";
import type { Self } from "./project";

export { threadIdOf } from "./project";

export type ConnectSafelyFakeContext = {
  mailbox: LinkupMailbox;
  apiKey: string;
  accountId: string;
  self: Self;
  /** Clock for the rate-limit window; defaults to Date.now. */
  now?: () => number;
  /** Requests allowed per one-minute window; generous by default so paging tests never hit it. */
  rateLimit?: number;
};

const DEFAULT_RATE_LIMIT = 10_000;
const WINDOW_MS = 60_000;
/** Requests counted per mailbox and window, so each test's mailbox has its own budget. */
const usage = new WeakMap<LinkupMailbox, { windowStart: number; used: number }>();

/**
 * A fake of ConnectSafely's legacy messaging reads (`GET …/linkedin/messaging/recent-messages` and
 * `…/conversation-details`) and its newer `POST …/linkedin/conversations/send`, matched by path
 * suffix, answering from a LinkupMailbox, with the documented auth, account check, error bodies and
 * `X-RateLimit-*` headers on every response.
 */
export async function handleConnectSafelyRequest(request: Request, ctx: ConnectSafelyFakeContext): Promise<Response> {
  const nowMs = (ctx.now ?? Date.now)();
  const limit = countRequest(ctx.mailbox, ctx.rateLimit ?? DEFAULT_RATE_LIMIT, nowMs);
  const reply = (outcome: Outcome) => Response.json(outcome.body, { status: outcome.status, headers: limit.headers });

  if (request.headers.get("authorization") !== `Bearer ${ctx.apiKey}`) return reply({ status: 401, body: { error: "Unauthorized" } });
  if (limit.exceeded) {
    return reply({
      status: 429,
      body: {
        success: false,
        error: `Rate limit exceeded for READ_MESSAGES: ${limit.limit}/${limit.limit} used. Resets at ${limit.resetIso}`,
        holdUntil: limit.resetIso,
      },
    });
  }

  const url = new URL(request.url);
  const query = Object.fromEntries(url.searchParams);
  const body = request.method === "POST" ? await jsonOf(request) : undefined;
  const accountId = request.method === "POST" ? accountIdIn(body) : query.accountId;
  if (accountId !== undefined && accountId !== ctx.accountId) {
    return reply({ status: 404, body: { success: false, error: "Account not found" } });
  }
  const endpointCtx: EndpointContext = { mailbox: ctx.mailbox, accountId: ctx.accountId, self: ctx.self, nowMs };
  const path = url.pathname.replace(/\/+$/, "");
  if (request.method === "POST" && path.endsWith("/conversations/send")) {
    return reply(validated(sendBodySchema.safeParse(body), (valid) => sendMessage(endpointCtx, valid)));
  }
  if (request.method === "GET" && path.endsWith("/messaging/recent-messages")) {
    return reply(validated(recentMessagesQuerySchema.safeParse(query), (valid) => recentMessages(endpointCtx, valid)));
  }
  if (request.method === "GET" && path.endsWith("/messaging/conversation-details")) {
    return reply(validated(conversationDetailsQuerySchema.safeParse(query), (valid) => conversationDetails(endpointCtx, valid)));
  }
  return reply({ status: 404, body: { success: false, error: `Cannot ${request.method} ${url.pathname}` } });
}


function accountIdIn(body: unknown): string | undefined {
  return typeof body === "object" && body !== null && "accountId" in body && typeof body.accountId === "string" ? body.accountId : undefined;
}

function validated<T>(parsed: z.ZodSafeParseResult<T>, run: (valid: T) => Outcome): Outcome {
  if (parsed.success) return run(parsed.data);
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join(".") ?? "";
  const message = issue === undefined ? "Invalid request" : issue.message.includes(field) ? issue.message : `${field}: ${issue.message}`;
  return { status: 400, body: { success: false, error: message } };
}

function countRequest(mailbox: LinkupMailbox, limit: number, nowMs: number) {
  const windowStart = nowMs - (nowMs % WINDOW_MS);
  const current = usage.get(mailbox);
  const state = current && current.windowStart === windowStart ? current : { windowStart, used: 0 };
  state.used++;
  usage.set(mailbox, state);
  const resetIso = new Date(windowStart + WINDOW_MS).toISOString();
  return {
    limit,
    used: state.used,
    exceeded: state.used > limit,
    resetIso,
    headers: {
      "X-RateLimit-Action": "READ_MESSAGES",
      "X-RateLimit-Limit": String(limit),
      "X-RateLimit-Used": String(Math.min(state.used, limit)),
      "X-RateLimit-Remaining": String(Math.max(0, limit - state.used)),
      "X-RateLimit-Reset": resetIso,
    },
  };
}
