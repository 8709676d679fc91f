import "server-only";
import { z } from "zod";
import { linkupConversationListSchema, linkupMessageSchema, linkupSentSchema, text, upstreamCursorSchema } from "@/lib/server/providers/linkup/items";

/**
 * Linkup v2 envelopes (seeds/linkup-v2-*.txt), lenient: unknown fields pass, optional ones are
 * nullish, and only what the adapter reads is validated. The items are shared with v1 (../linkup/items).
 */
const metadataSchema = z.looseObject({ credits_consumed: z.number().nullish() }).nullish();

export const listInboxResponseSchema = z.looseObject({
  success: z.literal(true),
  data: z.looseObject({
    conversations: linkupConversationListSchema,
    next_cursor: text,
  }),
  metadata: metadataSchema,
});
export type ListInboxResponse = z.infer<typeof listInboxResponseSchema>;

export const getConversationResponseSchema = z.looseObject({
  success: z.literal(true),
  data: z.looseObject({
    messages: z.array(linkupMessageSchema),
    next_cursor: upstreamCursorSchema,
  }),
  metadata: metadataSchema,
});
export type GetConversationResponse = z.infer<typeof getConversationResponseSchema>;

/** `success: true` is what says it was sent; without `data` the message just goes unnamed. */
export const sendResponseSchema = z.looseObject({
  success: z.literal(true),
  data: linkupSentSchema.nullish(),
  metadata: metadataSchema,
});

export const linkupErrorBodySchema = z.looseObject({
  success: z.literal(false),
  error: z.looseObject({ code: z.string(), message: text }).nullish(),
});
