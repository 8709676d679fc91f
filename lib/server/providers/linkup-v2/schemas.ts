import "server-only";
import { z } from "zod";

/**
 * Linkup v2 wire shapes (seeds/linkup-v2-*.txt), lenient: unknown fields pass, optional ones are
 * nullish, and only what map.ts reads is validated.
 */
const text = z.string().nullish();

const senderSchema = z.looseObject({
  name: text,
  profile_url: text,
  is_me: z.boolean().nullish(),
});

export const linkupConversationSchema = z
  .looseObject({
    conversation_id: text,
    participant: z.looseObject({
      name: text,
      headline: text,
      profile_url: text,
      profile_picture: text,
      is_organization: z.boolean().nullish(),
    }),
    last_message: z
      .looseObject({
        text,
        time: z.number(),
        sender: senderSchema.nullish(),
      })
      .nullish(),
    unread: z.number().int().nonnegative().nullish(),
    type: text,
  })
  .refine((conversation) => Boolean(conversation.conversation_id || conversation.participant.profile_url), {
    message: "needs conversation_id or participant.profile_url",
    path: ["conversation_id"],
  });
export type LinkupConversation = z.infer<typeof linkupConversationSchema>;

export const linkupMessageSchema = z.looseObject({
  entity_urn: z.string().min(1),
  text,
  timestamp: z.number(),
  sender: text,
  sender_info: z
    .looseObject({
      first_name: text,
      last_name: text,
      profile_url: text,
    })
    .nullish(),
  message_type: text,
});
export type LinkupMessage = z.infer<typeof linkupMessageSchema>;

const metadataSchema = z.looseObject({ credits_consumed: z.number().nullish() }).nullish();

export const listInboxResponseSchema = z.looseObject({
  success: z.literal(true),
  data: z.looseObject({
    conversations: z.array(linkupConversationSchema),
    next_cursor: text,
  }),
  metadata: metadataSchema,
});
export type ListInboxResponse = z.infer<typeof listInboxResponseSchema>;

export const getConversationResponseSchema = z.looseObject({
  success: z.literal(true),
  data: z.looseObject({
    messages: z.array(linkupMessageSchema),
    next_cursor: z.union([z.string(), z.number()]).nullish(),
  }),
  metadata: metadataSchema,
});
export type GetConversationResponse = z.infer<typeof getConversationResponseSchema>;

export const linkupErrorBodySchema = z.looseObject({
  success: z.literal(false),
  error: z.looseObject({ code: z.string(), message: text }).nullish(),
});
