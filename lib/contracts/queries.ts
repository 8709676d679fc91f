/** Query parameters of our API, parsed by the route handlers and built by the client. */
import { z } from "zod";
import { categorySchema, channelSchema } from "./api";
import { hasControlCharacter } from "./text";

const MAX_CURSOR_LENGTH = 4096;

/** A whole number written in a query string: digits only, so "", "1e3" or "-1" are rejected. */
const wholeNumberParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

export const cursorSchema = z.string().min(1).max(MAX_CURSOR_LENGTH);

/**
 * A path segment id: opaque, decoded by Next.js already; bounded so nothing huge goes upstream, and
 * never a control character (a NUL would reach the database, a newline a provider's header or log).
 */
export const idParamSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(1024)
  .refine((id) => !hasControlCharacter(id), "must not hold control characters");

/** The longest search the API takes (the client bounds its field the same). */
export const MAX_SEARCH_LENGTH = 200;

export const conversationsQuerySchema = z.strictObject({
  category: categorySchema.default("INBOX"),
  cursor: cursorSchema.optional(),
  limit: wholeNumberParam(1, 50).default(20),
  /** Keywords, for an account whose provider searches (`capabilities.search`). */
  q: z
    .string()
    .trim()
    .min(1, "must not be blank")
    .max(MAX_SEARCH_LENGTH)
    .refine((q) => !hasControlCharacter(q), "must not hold control characters")
    .optional(),
});
export type ConversationsQuery = z.infer<typeof conversationsQuerySchema>;

export const messagesQuerySchema = z
  .strictObject({
    cursor: cursorSchema.optional(),
    limit: wholeNumberParam(1, 100).default(30),
    since: wholeNumberParam(0, 8.64e15).optional(),
  })
  .refine((q) => q.cursor === undefined || q.since === undefined, {
    message: "use either cursor or since, not both",
  });
export type MessagesQuery = z.infer<typeof messagesQuerySchema>;

/** `?since=<ms>` on the routes that answer what happened since (changes, read marks). */
export const sinceQuerySchema = z.strictObject({ since: wholeNumberParam(0, 8.64e15) });
export const changesQuerySchema = sinceQuerySchema;
export type ChangesQuery = z.infer<typeof changesQuerySchema>;

/** Body of `POST /api/accounts/{accountId}/people`: the person whose conversation to synchronize. */
export const addPersonBodySchema = z.strictObject({
  profileUrl: z.string().trim().min(1, "is required").max(512),
  name: z.string().trim().max(120).optional(),
  /** Which of their conversations; by default the one the address's form implies (see chosenChannel). */
  channel: channelSchema.optional(),
});
export type AddPersonBody = z.infer<typeof addPersonBodySchema>;
