/**
 * A fake of Linkup API v1's messaging endpoints (seeds/linkup-v1-conversation-messages.txt, providers.md §2:
 * inbox, conversation and send-message),
 * serving the same LinkupMailbox as the v2 simulator, so `createFixtureMailbox(...).mailbox` feeds both.
 * Matched by path suffix, so it can be mounted under any prefix (e.g. `/v1`).
 *
 * Our inference, not documented [inf]: every HTTP status here (403 bad API key, 401 bad login_token,
 * 400 bad parameters, 404 unknown conversation or route; v1 has no public status table) and the thread
 * cursor's exact semantics (below).
 */
import { z } from "zod";
import { findByProfileUrl } from "@/lib/server/linkup-v2-simulator/find-thread";
import { listInbox } from "@/lib/server/linkup-v2-simulator/list-inbox";
import type { LinkupMailbox } from "@/lib/server/linkup-v2-simulator/mailbox";
import { LINKUP_CATEGORIES, type WireConversation } from "@/lib/server/linkup-v2-simulator/wire-types";

export type LinkupV1FakeContext = {
  mailbox: LinkupMailbox;
  apiKey: string;
  loginToken: string;
  /**
   * Thread paging. `next_cursor` is always the timestamp of the oldest message returned (the docs: "Timestamp
   * of the last message"), and a request with `cursor` returns messages strictly older than it ("exclusive",
   * the default: each message once when timestamps are unique) or at-or-older ("inclusive": the boundary
   * message repeats, which the adapter must absorb).
   */
  cursorMode?: "exclusive" | "inclusive";
  /** When a sent message is delivered; defaults to Date.now. */
  now?: () => number;
};

// The documented list, kept apart from the adapter's on purpose: the fake checks the adapter, not itself.
const COUNTRIES = ["US", "UK", "FR", "DE", "NL", "IT", "IL", "CA", "BR", "ES", "IN"] as const;
const DEFAULT_TOTAL_RESULTS = 10;
const ENDPOINTS = ["inbox", "conversation", "send-message"] as const;

const common = {
  login_token: z.string(),
  country: z.enum(COUNTRIES).optional(),
  total_results: z.number().int().min(1).max(100).optional(),
};
const inboxBodySchema = z.object({
  ...common,
  category: z.enum(LINKUP_CATEGORIES).optional(),
  next_cursor: z.string().min(1).optional(),
});
const conversationBodySchema = z
  .object({
    ...common,
    linkedin_url: z.string().min(1).optional(),
    conversation_id: z.string().min(1).optional(),
    cursor: z.union([z.string().regex(/^\d{1,16}$/, "must be a timestamp in ms"), z.number().int().nonnegative()]).optional(),
  })
  .refine((body) => body.linkedin_url !== undefined || body.conversation_id !== undefined, {
    message: "linkedin_url or conversation_id is required",
  });

const sendMessageBodySchema = z.object({
  ...common,
  linkedin_url: z.string().min(1),
  message_text: z.string().min(1),
});

const fail = (status: number, message: string) => Response.json({ status: "error", message }, { status });
const success = (data: unknown) => Response.json({ status: "success", data }, { status: 200 });

export async function handleLinkupV1Request(request: Request, ctx: LinkupV1FakeContext): Promise<Response> {
  const path = new URL(request.url).pathname.replace(/\/+$/, "");
  const endpoint = request.method === "POST" ? ENDPOINTS.find((name) => path.endsWith(`/messages/${name}`)) : undefined;
  if (endpoint === undefined) return fail(404, `No route for ${request.method} ${path}`);
  if (request.headers.get("x-api-key") !== ctx.apiKey) return fail(403, "Invalid API key");

  let json: unknown;
  try {
    json = JSON.parse(await request.text());
  } catch {
    return fail(400, "The request body is not valid JSON");
  }
  const loginToken = typeof json === "object" && json !== null && "login_token" in json ? json.login_token : undefined;
  if (typeof loginToken !== "string" || loginToken !== ctx.loginToken) return fail(401, "Invalid or expired login_token");

  switch (endpoint) {
    case "inbox":
      return inbox(ctx, json);
    case "conversation":
      return conversation(ctx, json);
    case "send-message":
      return sendMessage(ctx, json);
  }
}

function inbox(ctx: LinkupV1FakeContext, json: unknown): Response {
  const body = inboxBodySchema.safeParse(json);
  if (!body.success) return fail(400, describeIssue(body.error));
  const outcome = listInbox(ctx.mailbox, { count: body.data.total_results ?? DEFAULT_TOTAL_RESULTS, category: body.data.category, cursor: body.data.next_cursor });
  if (!outcome.ok) return fail(400, "Invalid next_cursor");
  const { conversations, total_results, next_cursor } = outcome.data;
  return success({
    // v1's items are v2's without `is_me` (providers.md §2).
    conversations: conversations.map(withoutIsMe),
    total_results,
    ...(next_cursor ? { next_cursor } : {}),
  });
}

function conversation(ctx: LinkupV1FakeContext, json: unknown): Response {
  const body = conversationBodySchema.safeParse(json);
  if (!body.success) return fail(400, describeIssue(body.error));
  const { conversation_id: conversationId, linkedin_url: linkedinUrl } = body.data;
  const thread = conversationId !== undefined ? ctx.mailbox.thread(conversationId) : findByProfileUrl(ctx.mailbox, linkedinUrl ?? "");
  if (thread === undefined) return fail(404, "Conversation not found");

  const count = body.data.total_results ?? DEFAULT_TOTAL_RESULTS;
  const cursor = body.data.cursor === undefined ? undefined : Number(body.data.cursor);
  const inclusive = ctx.cursorMode === "inclusive";
  // Stable sort: equal timestamps keep the mailbox's order, so paging is deterministic.
  const newestFirst = [...thread.messages].sort((a, b) => b.timestamp - a.timestamp);
  const eligible = cursor === undefined ? newestFirst : newestFirst.filter((m) => (inclusive ? m.timestamp <= cursor : m.timestamp < cursor));
  const page = eligible.slice(0, count);
  const oldest = page.at(-1);
  const participantKey = normalize(thread.conversation.participant.profile_url ?? "");
  const seenAt = thread.seenByParticipantAt;

  return success({
    conversation_id: thread.conversation.conversation_id,
    // "only included in the response when it was provided in the request" (seed page).
    ...(linkedinUrl !== undefined ? { profile_url: linkedinUrl } : {}),
    total_results: page.length,
    total_other_member_message_count: newestFirst.filter((m) => normalize(m.sender_info.profile_url ?? "") === participantKey).length,
    unread_count: thread.conversation.unread,
    last_seen_message: seenAt !== undefined && page[0] !== undefined && seenAt >= page[0].timestamp,
    ...(seenAt !== undefined ? { last_seen_at: seenAt } : {}),
    messages: page,
    // Sent even on the last page, where has_next_page:false must win over it.
    ...(oldest !== undefined ? { next_cursor: String(oldest.timestamp) } : {}),
    has_next_page: eligible.length > page.length,
  });
}

/**
 * "Auto-detects an existing conversation": the message is appended to the rep's conversation with that
 * profile. Only replies: a profile without one here is answered 404 (the real API would start one).
 */
function sendMessage(ctx: LinkupV1FakeContext, json: unknown): Response {
  const body = sendMessageBodySchema.safeParse(json);
  if (!body.success) return fail(400, describeIssue(body.error));
  const thread = findByProfileUrl(ctx.mailbox, body.data.linkedin_url);
  if (thread === undefined) return fail(404, "Profile not found");
  const conversationId = thread.conversation.conversation_id;
  const message = ctx.mailbox.send?.(conversationId, body.data.message_text, (ctx.now ?? Date.now)());
  if (message === undefined) return fail(400, "Sending is not available on this account");
  return Response.json(
    { status: "success", message: "Message sent successfully", data: { entityUrn: message.entity_urn, conversation_id: conversationId, deliveredAt: message.timestamp } },
    { status: 200 },
  );
}

function withoutIsMe(conversation: WireConversation) {
  const sender: Partial<WireConversation["last_message"]["sender"]> = { ...conversation.last_message.sender };
  delete sender.is_me;
  return { ...conversation, last_message: { ...conversation.last_message, sender } };
}

function normalize(url: string): string {
  return url.trim().replace(/\/+$/, "").toLowerCase();
}

function describeIssue(zodError: z.ZodError): string {
  const issue = zodError.issues[0];
  return issue === undefined ? "Invalid request" : `${issue.path.map(String).join(".") || "body"}: ${issue.message}`;
}
