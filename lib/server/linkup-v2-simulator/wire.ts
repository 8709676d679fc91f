import "server-only";
import type { z } from "zod";
import { getConversation } from "@/lib/server/linkup-v2-simulator/get-conversation";
import { listInbox } from "@/lib/server/linkup-v2-simulator/list-inbox";
import type { LinkupMailbox } from "@/lib/server/linkup-v2-simulator/mailbox";
import {
  describeIssue,
  getConversationParamsSchema,
  listInboxParamsSchema,
  requestBodySchema,
  sendParamsSchema,
} from "@/lib/server/linkup-v2-simulator/params";
import { errorResponse, successResponse, type ActionOutcome } from "@/lib/server/linkup-v2-simulator/responses";
import { send } from "@/lib/server/linkup-v2-simulator/send";
import type { LinkupAction } from "@/lib/server/linkup-v2-simulator/wire-types";

export type { LinkupMailbox, LinkupThread } from "@/lib/server/linkup-v2-simulator/mailbox";

export type LinkupV2SimulatorContext = {
  mailbox: LinkupMailbox;
  apiKey: string;
  accountId: string;
  /** Clock for `metadata.timestamp`; defaults to Date.now. */
  now?: () => number;
};

/** The body's `action`, read before validation so even an error can name the action it refuses. */
function attemptedAction(body: unknown): string | null {
  if (typeof body !== "object" || body === null || !("action" in body)) return null;
  return typeof body.action === "string" ? body.action : null;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function isMessagesEndpoint(request: Request): boolean {
  return request.method === "POST" && /\/messages\/?$/.test(new URL(request.url).pathname);
}

/**
 * Answers Linkup API v2's `POST …/messages` (actions `list_inbox`, `get_conversation`, `send`) from a mailbox,
 * with the real API's envelopes, statuses and error codes (seeds/linkup-v2-*.txt, providers.md §1).
 */
export async function handleLinkupV2Request(request: Request, ctx: LinkupV2SimulatorContext): Promise<Response> {
  const nowMs = (ctx.now ?? Date.now)();
  if (!isMessagesEndpoint(request)) {
    return errorResponse("NOT_FOUND", `No route for ${request.method} ${new URL(request.url).pathname}`, null, nowMs);
  }

  const json = parseJson(await request.text());
  const action = json.ok ? attemptedAction(json.value) : null;
  if (request.headers.get("x-api-key") !== ctx.apiKey) {
    return errorResponse("INVALID_API_KEY", "The API key is missing, invalid or expired", action, nowMs);
  }
  if (!json.ok) return errorResponse("INVALID_PARAMS", "The request body is not valid JSON", action, nowMs);

  const body = requestBodySchema.safeParse(json.value);
  if (!body.success) return errorResponse("INVALID_PARAMS", describeIssue(body.error, ""), action, nowMs);
  if (body.data.account_id !== ctx.accountId) {
    return errorResponse("INVALID_ACCOUNT", `Account ${body.data.account_id} not found`, action, nowMs);
  }

  function answer<TParams, TData>(
    knownAction: LinkupAction,
    parsed: z.ZodSafeParseResult<TParams>,
    run: (valid: TParams) => ActionOutcome<TData>,
  ): Response {
    if (!parsed.success) return errorResponse("INVALID_PARAMS", describeIssue(parsed.error, "params"), knownAction, nowMs);
    const outcome = run(parsed.data);
    return outcome.ok
      ? successResponse(knownAction, ctx.accountId, outcome.data, outcome.creditsConsumed, nowMs)
      : errorResponse(outcome.code, outcome.message, knownAction, nowMs);
  }

  const params = body.data.params ?? {};
  switch (body.data.action) {
    case "list_inbox":
      return answer("list_inbox", listInboxParamsSchema.safeParse(params), (valid) => listInbox(ctx.mailbox, valid));
    case "get_conversation":
      return answer("get_conversation", getConversationParamsSchema.safeParse(params), (valid) =>
        getConversation(ctx.mailbox, valid),
      );
    case "send":
      return answer("send", sendParamsSchema.safeParse(params), (valid) => send(ctx.mailbox, valid, nowMs));
    default:
      return errorResponse("INVALID_ACTION", `Unknown action: ${body.data.action}`, action, nowMs);
  }
}
