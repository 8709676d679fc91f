/**
 * Our HTTP contract (see DESIGN.md): the shapes the browser, the tests and any other client rely on.
 * Shared by the route handlers (to type what they send) and the client (to parse what it receives),
 * so written with zod/mini: the same checks as classic zod, a fraction of the browser's JavaScript.
 */
import { z } from "zod/mini";
import { CATEGORIES } from "./categories";
import { withoutControlCharacters } from "./text-checks";
import { MAX_MESSAGE_LENGTH } from "./text-limits";

export { CATEGORIES, CATEGORY_LABELS, type Category } from "./categories";
export { MAX_MESSAGE_LENGTH } from "./text-limits";

const nonEmptyString = () => z.string().check(z.minLength(1));

export const categorySchema = z.enum(CATEGORIES);

export const conversationTypeSchema = z.enum(["normal", "inmail", "sponsored"]);
export type ConversationType = z.infer<typeof conversationTypeSchema>;

export const participantSchema = z.object({
  name: z.string(),
  headline: z.optional(z.string()),
  profileUrl: z.optional(z.string()),
  pictureUrl: z.optional(z.string()),
  isOrganization: z.optional(z.boolean()),
});
export type Participant = z.infer<typeof participantSchema>;

export const conversationSchema = z.object({
  id: nonEmptyString(),
  participant: participantSchema,
  lastMessage: z.nullable(
    z.object({
      text: z.string(),
      sentAt: z.number(),
      /** null when the provider does not say who wrote it. */
      fromMe: z.nullable(z.boolean()),
    }),
  ),
  unreadCount: z.int().check(z.nonnegative()),
  type: conversationTypeSchema,
});
export type Conversation = z.infer<typeof conversationSchema>;

export const messageTypeSchema = z.enum(["text", "invitation", "shared_post", "system", "other"]);
export type MessageType = z.infer<typeof messageTypeSchema>;

export const messageSchema = z.object({
  id: nonEmptyString(),
  text: z.string(),
  sentAt: z.number(),
  sender: z.object({
    name: z.string(),
    profileUrl: z.optional(z.string()),
    pictureUrl: z.optional(z.string()),
  }),
  /** null when the provider gives no way to tell whether the account's owner wrote it. */
  fromMe: z.nullable(z.boolean()),
  type: messageTypeSchema,
  /** InMail and Sales Navigator messages can carry a subject line. */
  subject: z.optional(z.string()),
  attachments: z.array(z.object({ type: z.string(), url: z.string() })),
  reactions: z.array(z.object({ emoji: z.string(), count: z.int(), viewerReacted: z.boolean() })),
});
export type Message = z.infer<typeof messageSchema>;

export const responseMetaSchema = z.optional(
  z.object({
    /** Provider credits this request cost, where the provider bills per call. */
    creditsConsumed: z.optional(z.number()),
    /**
     * On a `since` answer: the provider had more new messages than we read in one request, so the
     * answer holds only the newest ones. The client should reload the thread instead of merging.
     */
    truncated: z.optional(z.boolean()),
    /** When the provider was asked for this answer (epoch ms): a shared answer may be a few seconds old. */
    checkedAt: z.optional(z.number()),
  }),
);

export const conversationsPageSchema = z.object({
  conversations: z.array(conversationSchema),
  nextCursor: z.nullable(z.string()),
  meta: responseMetaSchema,
});
export type ConversationsPage = z.infer<typeof conversationsPageSchema>;

export const messagesPageSchema = z.object({
  /** Newest first. */
  messages: z.array(messageSchema),
  nextCursor: z.nullable(z.string()),
  /** Everyone in the thread, where the provider says (group threads have several). */
  participants: z.optional(z.array(participantSchema)),
  /**
   * The conversation's type, where its thread says it (Linked API: its person's channel), so a
   * thread whose inbox row is not loaded (opened by its URL) still knows a reply needs a subject.
   */
  conversationType: z.optional(conversationTypeSchema),
  meta: responseMetaSchema,
});
export type MessagesPage = z.infer<typeof messagesPageSchema>;

/** Whether and how an account can reply: null where its provider cannot send. */
export const sendCapabilitySchema = z.object({
  /** The longest text the provider takes, in characters (Linked API: 1,900). */
  maxLength: z.int().check(z.positive()),
  /** An InMail / Sales Navigator conversation needs a subject line with the reply. */
  subjectForInMail: z.boolean(),
});
export type SendCapability = z.infer<typeof sendCapabilitySchema>;

export const capabilitiesSchema = z.object({
  categories: z.array(categorySchema),
  since: z.enum(["native", "emulated"]),
  /**
   * The provider searches the account's whole inbox by keywords (`q` on the conversations list):
   * names, messages, subjects. False: the client searches only the conversations it has loaded.
   */
  search: z.boolean(),
  needsSync: z.boolean(),
  send: z.nullable(sendCapabilitySchema),
  /**
   * The provider tells us of new messages (a webhook is registered for the account): ask
   * `GET /api/accounts/{id}/changes` (our database, no provider call) and read only what it names,
   * with a slow safety poll besides. False: poll the provider as usual.
   */
  push: z.boolean(),
});
export type Capabilities = z.infer<typeof capabilitiesSchema>;

export const accountSchema = z.object({
  id: nonEmptyString(),
  label: z.string(),
  provider: z.string(),
  isDemo: z.boolean(),
  capabilities: capabilitiesSchema,
});
export type Account = z.infer<typeof accountSchema>;

/** Linked API: a person whose conversation the rep asked to synchronize. */
export const syncStateSchema = z.enum(["syncing", "ready", "failed"]);
export type SyncState = z.infer<typeof syncStateSchema>;

export const syncFailureSchema = z.enum([
  "person_not_found",
  "no_sales_navigator",
  "self_profile",
  /** The provider's sync lapsed (Linked API syncs expire); syncing again resumes updates. */
  "not_synchronized",
  "upstream_error",
]);
export type SyncFailure = z.infer<typeof syncFailureSchema>;

/** Linked API: which of a person's LinkedIn conversations, the standard one or the Sales Navigator one. */
export const channelSchema = z.enum(["standard", "salesNavigator"]);
export type Channel = z.infer<typeof channelSchema>;

export const personSchema = z.object({
  /** Also the conversation id of this person's thread once it is ready. */
  id: nonEmptyString(),
  name: z.string(),
  profileUrl: z.string(),
  channel: channelSchema,
  state: syncStateSchema,
  failure: z.optional(z.object({ reason: syncFailureSchema, message: z.string() })),
  addedAt: z.number(),
  syncedAt: z.optional(z.number()),
});
export type Person = z.infer<typeof personSchema>;

export const peopleResponseSchema = z.object({ people: z.array(personSchema) });
export type PeopleResponse = z.infer<typeof peopleResponseSchema>;
export const personResponseSchema = z.object({ person: personSchema });
export type PersonResponse = z.infer<typeof personResponseSchema>;

export const accountsResponseSchema = z.object({ accounts: z.array(accountSchema) });
export type AccountsResponse = z.infer<typeof accountsResponseSchema>;

/**
 * A reply, as the browser asks for it: `clientId` is made once per message by the browser, so a
 * repeated POST (a retry, a second tab, a double tap) is the same message, never a second one.
 */
export const sendMessageBodySchema = z.strictObject({
  text: z.string().check(
    z.maxLength(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`),
    z.refine((text) => text.trim() !== "", "must not be empty"),
    // Line breaks and tabs are text; any other control character is not.
    z.refine((text) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text), "must not hold control characters"),
  ),
  clientId: z.uuid("must be a UUID"),
  subject: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200), withoutControlCharacters)),
});
export type SendMessageBody = z.infer<typeof sendMessageBodySchema>;

/**
 * How a send went: `sent` (the provider confirmed it; `message` where it named it), `pending` (a
 * slow provider is still sending: ask again with the same clientId), `unconfirmed` (the provider may
 * have it, we could not tell: it is never sent again blindly, the thread shows whether it arrived).
 * A pending send whose progress could not be read says how many seconds to wait before asking again
 * (`retryAfter`).
 */
export const sendStatusSchema = z.enum(["sent", "pending", "unconfirmed"]);
export type SendStatus = z.infer<typeof sendStatusSchema>;
export const sendResultSchema = z.object({
  message: z.nullable(messageSchema),
  status: sendStatusSchema,
  retryAfter: z.optional(z.number().check(z.positive())),
});
export type SendResult = z.infer<typeof sendResultSchema>;

/**
 * `PUT /api/accounts/{accountId}/conversations/{conversationId}/read`: this rep has read the
 * conversation through its message sent at `readThrough` (a newer message from the other side
 * makes it unread again). `DELETE` on the same URL marks it unread. Kept per rep, in our database:
 * LinkedIn itself is not told (none of the providers documents a way to).
 */
export const readMarkBodySchema = z.strictObject({ readThrough: z.int().check(z.minimum(0), z.maximum(8_640_000_000_000_000)) });
export type ReadMarkBody = z.infer<typeof readMarkBodySchema>;
export const readMarkResponseSchema = z.object({ conversationId: z.string(), readThrough: z.nullable(z.number()) });
export type ReadMarkResponse = z.infer<typeof readMarkResponseSchema>;

/** What each `since` read of our own database answers beside its items (lib/server/since-window.ts). */
function sinceWindowFields() {
  return { checkedAt: z.number(), truncated: z.optional(z.boolean()) };
}

/**
 * `GET /api/accounts/{accountId}/read-marks?since=<ms>`: the marks this rep set on the account since
 * then, from any device, from our database only (no provider call). Pass `checkedAt` back as the next
 * `since`; answers overlap by a few seconds so none is lost to a mark stored while we read.
 * `truncated`: more marks than one answer holds (reload the inbox instead).
 */
export const readMarksResponseSchema = z.object({ marks: z.array(readMarkResponseSchema), ...sinceWindowFields() });
export type ReadMarksResponse = z.infer<typeof readMarksResponseSchema>;

/**
 * `GET /api/accounts/{accountId}/changes?since=<ms>`, for an account with `capabilities.push`: the
 * conversations its provider announced new messages in (each once, with the newest announced
 * message's time), from our database only. Pass `checkedAt` back as the next `since`. Answers
 * overlap by a few seconds, so none is lost to a delivery being stored while we read: a change
 * whose `sentAt` is not newer than what the client has for that conversation is one it has seen.
 * `truncated`: more conversations changed than one answer holds (reload the inbox instead).
 */
export const changeSchema = z.object({ conversationId: nonEmptyString(), sentAt: z.number() });
export type Change = z.infer<typeof changeSchema>;
export const changesResponseSchema = z.object({ changes: z.array(changeSchema), ...sinceWindowFields() });
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

/** What a webhook route answers a provider's delivery: stored (new), or not (a replay, or ignored and why). */
export const webhookAnswerSchema = z.strictObject({
  stored: z.boolean(),
  ignored: z.optional(z.enum(["event_type", "other_account", "unknown_person"])),
});
export type WebhookAnswer = z.infer<typeof webhookAnswerSchema>;
