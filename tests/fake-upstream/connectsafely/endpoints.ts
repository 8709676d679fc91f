import { z } from "zod";
import type { LinkupMailbox } from "@/lib/server/linkup-v2-simulator/mailbox";
import type { LinkupThread } from "@/lib/server/linkup-v2-simulator/mailbox";
import {
  chronological,
  findThread,
  profileIdOf,
  profileUrnOf,
  projectConversation,
  projectMessage,
  projectParticipant,
  threadIdOf,
  type Self,
} from "./project";

export type Outcome = { status: number; body: unknown };
export type EndpointContext = { mailbox: LinkupMailbox; accountId: string; self: Self; nowMs: number };

const count = (min: number) => z.coerce.number().int().min(min).max(100);

export const recentMessagesQuerySchema = z.object({
  accountId: z.string().min(1).optional(),
  count: count(1).default(20),
  nextCursor: z.string().min(1).optional(),
  read: z.enum(["true", "false"]).optional(),
  keywords: z.string().optional(),
});

export const conversationDetailsQuerySchema = z.object({
  accountId: z.string().min(1).optional(),
  conversationUrn: z.string({ error: "conversationUrn is required" }).min(1, { error: "conversationUrn is required" }),
  profileId: z.string().optional(),
  deliveredAt: z.coerce.number().int().nonnegative().optional(),
  countBefore: count(0).optional(),
  countAfter: count(0).optional(),
});

export const sendBodySchema = z
  .object({
    accountId: z.string().min(1).optional(),
    conversationUrn: z.string().min(1).optional(),
    recipientProfileId: z.string().min(1).optional(),
    recipientProfileUrn: z.string().min(1).optional(),
    message: z.string({ error: "message is required" }).min(1, { error: "message is required" }),
    subject: z.string().optional(),
    messagingChannel: z.enum(["auto", "sales_navigator", "linkedin_inbox"]).optional(),
  })
  .refine((body) => body.conversationUrn ?? body.recipientProfileId ?? body.recipientProfileUrn, {
    error: "recipientProfileId, recipientProfileUrn or conversationUrn is required",
  });

const DEFAULT_PAGE = 20;

type Position = { time: number; key: string };

function encodeCursor(position: Position): string {
  return Buffer.from(`${position.time}&${position.key}`, "utf8").toString("base64");
}

function decodeCursor(cursor: string): Position | undefined {
  const [time, ...rest] = Buffer.from(cursor, "base64").toString("utf8").split("&");
  const key = rest.join("&");
  return time !== undefined && /^\d{1,16}$/.test(time) && key !== "" ? { time: Number(time), key } : undefined;
}

/** Most recent activity first; equal times by thread id, so the order is total and a cursor is a position in it. */
function compare(a: Position, b: Position): number {
  return a.time !== b.time ? b.time - a.time : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function recentMessages(ctx: EndpointContext, query: z.infer<typeof recentMessagesQuerySchema>): Outcome {
  const after = query.nextCursor === undefined ? undefined : decodeCursor(query.nextCursor);
  if (query.nextCursor !== undefined && after === undefined) return { status: 400, body: { success: false, error: "Invalid nextCursor" } };

  const keywords = query.keywords?.trim().toLowerCase();
  const matching = ctx.mailbox
    .conversations("INBOX")
    .filter((c) => query.read === undefined || (query.read === "true" ? c.unread === 0 : c.unread > 0))
    .filter((c) => !keywords || `${c.participant.name} ${c.last_message.text}`.toLowerCase().includes(keywords))
    .map((conversation) => ({ conversation, position: { time: conversation.last_message.time, key: threadIdOf(conversation.conversation_id) } }))
    .sort((a, b) => compare(a.position, b.position));
  const rest = after === undefined ? matching : matching.filter((entry) => compare(entry.position, after) > 0);
  const page = rest.slice(0, query.count);
  const last = page.at(-1);
  return {
    status: 200,
    body: {
      success: true,
      accountId: ctx.accountId,
      profileUrn: profileUrnOf(profileIdOf(ctx.self.profileUrl, ctx.self.name)),
      total: matching.length,
      nextCursor: last !== undefined && rest.length > page.length ? encodeCursor(last.position) : null,
      conversations: page.map(({ conversation }) => projectConversation(conversation, ctx.mailbox.thread(conversation.conversation_id))),
    },
  };
}

/**
 * No anchor: the newest `countBefore ?? 20`. With `deliveredAt`: the newest `countBefore` with
 * sentAt <= deliveredAt and the oldest `countAfter` with sentAt >= deliveredAt (inclusive anchors,
 * like many real APIs). Sent oldest first with neighbours swapped: like the seed, not in time order.
 */
export function conversationDetails(ctx: EndpointContext, query: z.infer<typeof conversationDetailsQuerySchema>): Outcome {
  const thread = findThread(ctx.mailbox, query.conversationUrn);
  if (thread === undefined) return { status: 404, body: { success: false, error: "Conversation not found" } };

  const all = chronological(thread);
  const positions = new Set<number>();
  const anchor = query.deliveredAt;
  if (anchor === undefined) {
    const take = query.countBefore ?? DEFAULT_PAGE;
    for (let i = Math.max(0, all.length - take); i < all.length; i++) positions.add(i);
  } else {
    const before = all.flatMap((m, i) => (m.timestamp <= anchor ? [i] : []));
    const after = all.flatMap((m, i) => (m.timestamp >= anchor ? [i] : []));
    const countBefore = query.countBefore ?? (query.countAfter === undefined ? DEFAULT_PAGE : 0);
    for (const i of countBefore > 0 ? before.slice(-countBefore) : []) positions.add(i);
    for (const i of after.slice(0, query.countAfter ?? 0)) positions.add(i);
  }
  const served = [...positions].sort((a, b) => a - b);
  const first = served[0];
  const last = served.at(-1);
  const hasMoreBefore = first !== undefined ? first > 0 : anchor !== undefined && all.some((m) => m.timestamp < anchor);
  const hasMoreAfter = last !== undefined ? last < all.length - 1 : anchor !== undefined && all.some((m) => m.timestamp > anchor);
  const firstMessageAt = first === undefined ? null : (all[first]?.timestamp ?? null);
  const lastMessageAt = last === undefined ? null : (all[last]?.timestamp ?? null);
  const paginating = query.deliveredAt !== undefined || query.countBefore !== undefined || query.countAfter !== undefined;
  const selfUrn = profileUrnOf(profileIdOf(ctx.self.profileUrl, ctx.self.name));

  return {
    status: 200,
    body: {
      success: true,
      accountId: ctx.accountId,
      profileUrn: selfUrn,
      conversationUrn: thread.conversation.conversation_id,
      total: all.length,
      syncToken: Buffer.from(`fake:${threadIdOf(thread.conversation.conversation_id)}:${all.length}`, "utf8").toString("base64"),
      messages: swapNeighbours(served).flatMap((i) => {
        const message = all[i];
        return message ? [projectMessage(thread, message, i, ctx.self)] : [];
      }),
      participants: [projectParticipant(thread.conversation.participant)],
      pagination: { firstMessageAt, lastMessageAt, hasMoreBefore, hasMoreAfter },
      ...(paginating
        ? {
            prevCursor: hasMoreBefore ? String(firstMessageAt) : null,
            nextCursor: hasMoreAfter ? String(lastMessageAt) : null,
            hasPrevPage: hasMoreBefore,
            hasNextPage: hasMoreAfter,
          }
        : {}),
    },
  };
}

function swapNeighbours<T>(items: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < items.length; i += 2) out.push(...items.slice(i, i + 2).reverse());
  return out;
}

/** The thread a send names: its conversation, else the recipient's (a profile id or URN) most recent one. */
function sendTarget(mailbox: LinkupMailbox, body: z.infer<typeof sendBodySchema>): LinkupThread | undefined {
  if (body.conversationUrn !== undefined) return findThread(mailbox, body.conversationUrn);
  const recipient = body.recipientProfileUrn ?? profileUrnOf(body.recipientProfileId ?? "");
  const conversation = mailbox
    .conversations("INBOX")
    .filter((c) => profileUrnOf(profileIdOf(c.participant.profile_url, c.participant.name)) === recipient)
    .sort((a, b) => b.last_message.time - a.last_message.time)[0];
  return conversation ? mailbox.thread(conversation.conversation_id) : undefined;
}

/**
 * POST …/conversations/send: the rep's message is appended to the thread. Answered as documented,
 * `sentMessage` empty; only replies, so a recipient without a conversation here is a 404 [inf].
 */
export function sendMessage(ctx: EndpointContext, body: z.infer<typeof sendBodySchema>): Outcome {
  const thread = sendTarget(ctx.mailbox, body);
  if (thread === undefined) return { status: 404, body: { success: false, error: "Conversation not found" } };
  const conversation = thread.conversation;
  if (ctx.mailbox.send?.(conversation.conversation_id, body.message, ctx.nowMs) === undefined) {
    return { status: 500, body: { success: false, error: "Failed to send message" } };
  }
  return {
    status: 200,
    body: {
      success: true,
      message: "Message sent successfully",
      recipientProfileUrn: profileUrnOf(profileIdOf(conversation.participant.profile_url, conversation.participant.name)),
      sentMessage: {},
    },
  };
}
