import "server-only";
import { z } from "zod";
import { linkupConversationListSchema, linkupMessageSchema, linkupSentSchema, upstreamCursorSchema } from "@/lib/server/providers/linkup/items";

/**
 * Linkup API v1 envelopes (seeds/linkup-v1-conversation-messages.txt, providers.md §2): `status` +
 * `data`, no metadata. The items are v2's (../linkup/items); lenient in the same way.
 */

/** Proxy countries v1 accepts in `country` (default FR), for env validation too. */
export const LINKUP_COUNTRIES = ["US", "UK", "FR", "DE", "NL", "IT", "IL", "CA", "BR", "ES", "IN"] as const;
export type LinkupCountry = (typeof LINKUP_COUNTRIES)[number];
export const DEFAULT_LINKUP_COUNTRY: LinkupCountry = "FR";

export const inboxResponseSchema = z.looseObject({
  status: z.literal("success"),
  data: z.looseObject({
    conversations: linkupConversationListSchema,
    next_cursor: upstreamCursorSchema,
  }),
});
export type InboxResponse = z.infer<typeof inboxResponseSchema>;

export const conversationResponseSchema = z.looseObject({
  status: z.literal("success"),
  data: z.looseObject({
    /** Most recent first. */
    messages: z.array(linkupMessageSchema),
    next_cursor: upstreamCursorSchema,
    /** `false` ends paging even when a next_cursor is present. */
    has_next_page: z.boolean().nullish(),
  }),
});
export type ConversationResponse = z.infer<typeof conversationResponseSchema>;

/** `status: "success"` is what says it was sent; without `data` the message just goes unnamed. */
export const sendMessageResponseSchema = z.looseObject({
  status: z.literal("success"),
  data: linkupSentSchema.nullish(),
});

/** v1 errors: `{"status":"error","message":"…"}`, or `{"status":"error","data":"<text>"}` (community n8n node). */
export const linkupV1ErrorBodySchema = z.looseObject({
  status: z.literal("error"),
  message: z.unknown().optional(),
  data: z.unknown().optional(),
});
