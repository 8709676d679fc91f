import "server-only";
import { z } from "zod";

/**
 * ConnectSafely wire shapes (seeds/connectsafely-conversation-details.txt, providers.md §3), lenient:
 * unknown fields pass, optional ones are nullish, and only what map.ts reads is validated.
 */
const text = z.string().nullish();
const flag = z.boolean().nullish();
const time = z.number().nullish();

export const connectSafelyParticipantSchema = z.looseObject({
  profileId: text,
  name: text,
  headline: text,
  profileUrl: text,
  profilePicture: text,
});
export type ConnectSafelyParticipant = z.infer<typeof connectSafelyParticipantSchema>;

export const connectSafelyConversationSchema = z
  .looseObject({
    conversationId: text,
    conversationUrn: text,
    participants: z.array(connectSafelyParticipantSchema).nullish(),
    unreadCount: z.number().int().nonnegative().nullish(),
    lastActivityAt: time,
    latestMessage: z
      .looseObject({
        text,
        sentAt: time,
        senderName: text,
        hasAttachment: flag,
      })
      .nullish(),
  })
  .refine((conversation) => Boolean(conversation.conversationUrn || conversation.conversationId), {
    message: "needs conversationUrn or conversationId",
    path: ["conversationUrn"],
  });
export type ConnectSafelyConversation = z.infer<typeof connectSafelyConversationSchema>;

export const recentMessagesResponseSchema = z.looseObject({
  profileUrn: text,
  nextCursor: text,
  conversations: z.array(connectSafelyConversationSchema),
});
export type RecentMessagesResponse = z.infer<typeof recentMessagesResponseSchema>;

export const connectSafelyMessageSchema = z
  .looseObject({
    messageId: text,
    backendMessageUrn: text,
    text,
    subject: text,
    sentAt: z.number(),
    sender: connectSafelyParticipantSchema.nullish(),
    // An attachment without a url, or a reaction without an emoji, is dropped in map.ts rather than failing the thread.
    attachments: z.array(z.looseObject({ type: text, url: text })).nullish(),
    reactions: z.array(z.looseObject({ emoji: text, count: z.number().int().nonnegative().nullish(), viewerReacted: flag })).nullish(),
  })
  .refine((message) => Boolean(message.messageId || message.backendMessageUrn), {
    message: "needs messageId or backendMessageUrn",
    path: ["messageId"],
  });
export type ConnectSafelyMessage = z.infer<typeof connectSafelyMessageSchema>;

export const conversationDetailsResponseSchema = z.looseObject({
  /** The account owner, `urn:li:fsd_profile:<profileId>`: how we tell the rep's own messages apart. */
  profileUrn: text,
  messages: z.array(connectSafelyMessageSchema),
  participants: z.array(connectSafelyParticipantSchema).nullish(),
  pagination: z
    .looseObject({
      firstMessageAt: time,
      lastMessageAt: time,
      hasMoreBefore: flag,
      hasMoreAfter: flag,
    })
    .nullish(),
  // The seed's note adds nextCursor/prevCursor/hasNextPage/hasPrevPage when paginating, without saying which
  // way "next" points or how a cursor is passed back: they pass through unread; deliveredAt anchors page instead.
});
export type ConversationDetailsResponse = z.infer<typeof conversationDetailsResponseSchema>;

/**
 * conversations/send. `success: true` is what says it was sent; `sentMessage` is `{}` in the docs,
 * so a message's fields are read where present, and one we cannot read only leaves it unnamed.
 */
export const sendResponseSchema = z.looseObject({
  success: z.literal(true),
  sentMessage: z
    .looseObject({ messageId: text, backendMessageUrn: text, messageUrn: text, text, sentAt: time })
    .nullish()
    .catch(null),
});
export type ConnectSafelySent = NonNullable<z.infer<typeof sendResponseSchema>["sentMessage"]>;

/**
 * Every error shape the docs show: `error` as a string or a ZodError object, or `code` + `message`,
 * plus `holdUntil` on a rate limit (providers.md §3e).
 */
export const connectSafelyErrorBodySchema = z.looseObject({
  success: flag,
  error: z.union([z.string(), z.looseObject({ name: text, message: text })]).nullish(),
  code: text,
  message: text,
  holdUntil: text,
});
export type ConnectSafelyErrorBody = z.infer<typeof connectSafelyErrorBodySchema>;
