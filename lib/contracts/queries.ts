/** Query parameters of our API, parsed by the route handlers and built by the client. */
import { z } from "zod/mini";
import { categorySchema, channelSchema } from "./api";
import { withoutControlCharacters } from "./text-checks";
import { MAX_SEARCH_LENGTH } from "./text-limits";

const MAX_CURSOR_LENGTH = 4096;

/** A whole number written in a query string: digits only, so "", "1e3" or "-1" are rejected. */
const wholeNumberParam = (min: number, max: number) =>
  z.pipe(
    z.pipe(z.string().check(z.regex(/^\d{1,16}$/, "must be a whole number")), z.transform(Number)),
    z.int().check(z.minimum(min), z.maximum(max)),
  );

export const cursorSchema = z.string().check(z.minLength(1), z.maxLength(MAX_CURSOR_LENGTH));

/**
 * A path segment id: opaque, decoded by Next.js already; bounded so nothing huge goes upstream, and
 * never a control character (a NUL would reach the database, a newline a provider's header or log).
 */
export const idParamSchema = z.string().check(
  z.trim(),
  z.minLength(1, "must not be empty"),
  z.maxLength(1024),
  withoutControlCharacters,
);

export { MAX_SEARCH_LENGTH } from "./text-limits";

export const conversationsQuerySchema = z.strictObject({
  category: z._default(categorySchema, "INBOX"),
  cursor: z.optional(cursorSchema),
  limit: z._default(wholeNumberParam(1, 50), 20),
  /** Keywords, for an account whose provider searches (`capabilities.search`). */
  q: z.optional(
    z.string().check(
      z.trim(),
      z.minLength(1, "must not be blank"),
      z.maxLength(MAX_SEARCH_LENGTH),
      withoutControlCharacters,
    ),
  ),
});
export type ConversationsQuery = z.infer<typeof conversationsQuerySchema>;

export const messagesQuerySchema = z
  .strictObject({
    cursor: z.optional(cursorSchema),
    limit: z._default(wholeNumberParam(1, 100), 30),
    since: z.optional(wholeNumberParam(0, 8.64e15)),
  })
  .check(z.refine((q) => q.cursor === undefined || q.since === undefined, "use either cursor or since, not both"));
export type MessagesQuery = z.infer<typeof messagesQuerySchema>;

/** `?since=<ms>` on the routes that answer what happened since (changes, read marks). */
export const sinceQuerySchema = z.strictObject({ since: wholeNumberParam(0, 8.64e15) });
export const changesQuerySchema = sinceQuerySchema;
export type ChangesQuery = z.infer<typeof changesQuerySchema>;

/** Body of `POST /api/accounts/{accountId}/people`: the person whose conversation to synchronize. */
export const addPersonBodySchema = z.strictObject({
  profileUrl: z.string().check(z.trim(), z.minLength(1, "is required"), z.maxLength(512)),
  name: z.optional(z.string().check(z.trim(), z.maxLength(120), withoutControlCharacters)),
  /** Which of their conversations; by default the one the address's form implies (see chosenChannel). */
  channel: z.optional(channelSchema),
});
export type AddPersonBody = z.infer<typeof addPersonBodySchema>;
