import "server-only";
import { z } from "zod";
import { withoutControlCharacters } from "@/lib/contracts/text-checks";

/**
 * ConnectSafely's webhook deliveries (Webhooks, Beta; providers.md §3c), lenient like its other
 * shapes: unknown fields pass, and only what we store is validated.
 * `{"event":"message.received","object":"event","data":{"id","message_urn","account_id","provider",
 * "sender":{…},"body","timestamp":"2026-05-12T14:33:21.000Z","conversation_id":"urn:li:messagingThread:2-…","attachments":[]}}`
 */
const isoTime = z
  .string()
  .refine((text) => !Number.isNaN(Date.parse(text)), "must be a date and time")
  .transform((text) => Date.parse(text));

// Stored as text: a NUL would fail the insert (a 500 the provider retries).
const urn = z.string().trim().min(1).max(1024).check(withoutControlCharacters);

export const connectSafelyEventSchema = z.looseObject({ event: z.string(), data: z.unknown() });

export const messageReceivedSchema = z.looseObject({
  /** What the docs say to dedupe on. */
  message_urn: urn,
  /** ConnectSafely's id of the LinkedIn account the message reached. */
  account_id: z.string().nullish(),
  timestamp: isoTime,
  conversation_id: urn,
});
export type MessageReceived = z.infer<typeof messageReceivedSchema>;
