import "server-only";
import { z } from "zod";
import { withoutControlCharacters } from "@/lib/contracts/text-checks";

/**
 * Linked API's webhook deliveries (current generation; providers.md §4e): one envelope
 * `{"id","type","createdAt","data"}` for every event type; `inbox.messageReceived` data is
 * `accountId, type, threadId, personUrl, messageId, sender, text, time`. Lenient: only what we
 * store is validated. Times are ISO 8601 like the rest of its API; epoch milliseconds are taken
 * too, since the docs show no example [inf].
 */
const time = z.union([
  z
    .string()
    .refine((text) => !Number.isNaN(Date.parse(text)), "must be a date and time")
    .transform((text) => Date.parse(text)),
  z.number().int().positive(),
]);

export const linkedApiEnvelopeSchema = z.looseObject({
  /** What the docs say to dedupe on: a retry carries the same id. */
  id: z.string().trim().min(1).max(512).check(withoutControlCharacters),
  type: z.string(),
  createdAt: time,
  data: z.unknown(),
});

export const inboxMessageSchema = z.looseObject({
  /** Standard LinkedIn or Sales Navigator, as in `/inbox/poll`. */
  type: z.enum(["st", "nv"]).nullish(),
  personUrl: z.string().trim().min(1).max(2048).check(withoutControlCharacters),
  time: time.nullish(),
});
export type InboxMessage = z.infer<typeof inboxMessageSchema>;
