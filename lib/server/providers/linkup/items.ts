import "server-only";
import { z } from "zod";

/**
 * The item shapes Linkup v1 and v2 share: inbox conversations and thread messages (providers.md
 * §1–§2, seeds/linkup-*.txt). Lenient: unknown fields pass, optional ones are nullish, and only what
 * map.ts reads is validated. Each version's envelope lives in its own folder.
 */
export const text = z.string().nullish();

/** Linkup sends thread cursors as stringified epoch ms; a number is tolerated too. */
export const upstreamCursorSchema = z.union([z.string(), z.number()]).nullish();

const senderSchema = z.looseObject({
  name: text,
  profile_url: text,
  /** v2 only; v1 inbox items come without it. */
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

/**
 * An inbox page. Every conversation has a last message (the docs': "the most recent message"); one
 * row without it is shown without a preview, but a page where no row has one is a changed format,
 * refused as such, not an inbox of blank rows with their unread badges gone.
 */
export const linkupConversationListSchema = z
  .array(linkupConversationSchema)
  .refine((conversations) => conversations.length === 0 || conversations.some((conversation) => conversation.last_message), {
    message: "no conversation has its last_message",
  });

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

/** A send's `data` (v1 and v2 alike): the message's URN and when it was delivered, ISO text (v2) or epoch ms (v1). */
export const linkupSentSchema = z.looseObject({
  entityUrn: text,
  deliveredAt: z.union([z.number(), z.string()]).nullish(),
});
export type LinkupSent = z.infer<typeof linkupSentSchema>;
