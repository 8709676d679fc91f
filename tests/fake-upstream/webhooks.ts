/**
 * The fake providers' webhooks: a new LinkedIn message arrives in a fixture thread (so a later read
 * finds it, as with the real provider) and the delivery is POSTed to the app in the provider's own
 * documented form (providers.md §3c, §4e), built here independently of the app's parsers:
 *   ConnectSafely `message.received`, signed `X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the raw body>`;
 *   Linked API `inbox.messageReceived` in its `{id, type, createdAt, data}` envelope, unsigned, to a
 *   URL carrying the account's secret.
 * `tamper` makes a delivery a forgery (signed with another secret / another secret in the URL) or
 * stale (dated 20 minutes / 25 hours back); neither adds a message. `repeat` sends the very same
 * delivery that many times, as a provider's retry would.
 */
import { createHmac, randomUUID } from "node:crypto";
import { z } from "zod";
import type { WireMessage } from "@/lib/server/linkup-v2-simulator/wire-types";
import type { LinkupThread } from "@/lib/server/linkup-v2-simulator/mailbox";
import { chronological, projectMessage, projectParticipant, threadIdOf, type Self } from "./connectsafely/project";
import { isoSeconds, messageId } from "./linkedapi";

const common = {
  /** The app's origin: the delivery goes to its webhook route for `accountId`. */
  appUrl: z.url(),
  accountId: z.string().min(1),
  /** ConnectSafely: the signing secret. Linked API: the secret in the registered URL. */
  secret: z.string().min(1),
  text: z.string().min(1),
  tamper: z.enum(["signature", "stale", "none"]).default("none"),
  repeat: z.number().int().min(1).max(20).default(1),
};

export const deliverSchema = z.discriminatedUnion("provider", [
  z.strictObject({ provider: z.literal("connectsafely"), conversationId: z.string().min(1), ...common }),
  z.strictObject({ provider: z.literal("linkedapi"), personUrl: z.string().min(1), channel: z.enum(["standard", "salesNavigator"]).default("standard"), ...common }),
]);
export type DeliverInput = z.input<typeof deliverSchema>;

export type WebhookContext = {
  findThread(conversationId: string): LinkupThread | undefined;
  /** The fixture conversation a Linked API person URL names on a channel. */
  conversationOf(personUrl: string, channel: "standard" | "salesNavigator"): string | undefined;
  /** A message from the other participant arrives now in a fixture conversation. */
  arrive(conversationId: string, text: string): WireMessage | undefined;
  self: Self;
  connectSafelyAccountId: string;
  now: () => number;
};

export type Delivered = { status: number; body: unknown };
export type DeliveryOutcome = { status: 200; body: { sentAt: number | null; answers: Delivered[] } } | { status: 404; body: { error: string } };

const CONNECTSAFELY_STALE_MS = 20 * 60_000;
const LINKEDAPI_STALE_MS = 25 * 60 * 60_000;

export async function deliverWebhook(input: z.output<typeof deliverSchema>, ctx: WebhookContext): Promise<DeliveryOutcome> {
  const fixtureId = input.provider === "connectsafely" ? ctx.findThread(input.conversationId)?.conversation.conversation_id : ctx.conversationOf(input.personUrl, input.channel);
  const before = fixtureId === undefined ? undefined : ctx.findThread(fixtureId);
  if (fixtureId === undefined || before === undefined) return { status: 404, body: { error: "no such conversation" } };
  // A forged or stale delivery announces no new message: nothing arrives, it names the newest one.
  const message = input.tamper === "none" ? ctx.arrive(fixtureId, input.text) : chronological(before).at(-1);
  const thread = ctx.findThread(fixtureId);
  if (thread === undefined || message === undefined) return { status: 404, body: { error: "no such conversation" } };
  const request = input.provider === "connectsafely" ? connectSafelyDelivery(input, thread, message, ctx) : linkedApiDelivery(input, thread, message, ctx);
  const answers: Delivered[] = [];
  for (let n = 0; n < input.repeat; n++) answers.push(await post(request));
  return { status: 200, body: { sentAt: input.tamper === "none" ? message.timestamp : null, answers } };
}

type Prepared = { url: string; headers: Record<string, string>; body: string };

function connectSafelyDelivery(input: Extract<z.output<typeof deliverSchema>, { provider: "connectsafely" }>, thread: LinkupThread, message: WireMessage, ctx: WebhookContext): Prepared {
  const sorted = chronological(thread);
  const projected = projectMessage(thread, message, sorted.indexOf(message), ctx.self);
  const sender = projectParticipant(thread.conversation.participant);
  const timestamp = input.tamper === "stale" ? ctx.now() - CONNECTSAFELY_STALE_MS : message.timestamp;
  const body = JSON.stringify({
    event: "message.received",
    object: "event",
    data: {
      id: `evt_${randomUUID().replace(/-/g, "")}`,
      message_urn: projected.backendMessageUrn,
      account_id: ctx.connectSafelyAccountId,
      provider: "LINKEDIN",
      sender: { id: sender.profileId, name: sender.name, profile_url: sender.profileUrl, profile_picture: sender.profilePicture },
      body: message.text,
      timestamp: new Date(timestamp).toISOString(),
      conversation_id: `urn:li:messagingThread:${threadIdOf(thread.conversation.conversation_id)}`,
      attachments: [],
    },
  });
  const key = input.tamper === "signature" ? `${input.secret}-forged` : input.secret;
  return {
    url: `${input.appUrl.replace(/\/+$/, "")}/api/webhooks/connectsafely/${encodeURIComponent(input.accountId)}`,
    headers: { "content-type": "application/json", "x-webhook-signature": `sha256=${createHmac("sha256", key).update(body, "utf8").digest("hex")}` },
    body,
  };
}

function linkedApiDelivery(input: Extract<z.output<typeof deliverSchema>, { provider: "linkedapi" }>, thread: LinkupThread, message: WireMessage, ctx: WebhookContext): Prepared {
  const createdAt = input.tamper === "stale" ? ctx.now() - LINKEDAPI_STALE_MS : ctx.now();
  const body = JSON.stringify({
    id: `wh-${randomUUID()}`,
    type: "inbox.messageReceived",
    createdAt: new Date(createdAt).toISOString(),
    data: {
      accountId: "fake-linkedapi-account",
      type: input.channel === "salesNavigator" ? "nv" : "st",
      threadId: threadIdOf(thread.conversation.conversation_id),
      personUrl: input.personUrl,
      messageId: messageId(thread.conversation.conversation_id, message.entity_urn),
      sender: "them",
      text: message.text,
      time: isoSeconds(message.timestamp),
    },
  });
  const secret = input.tamper === "signature" ? `${input.secret}-wrong` : input.secret;
  return {
    url: `${input.appUrl.replace(/\/+$/, "")}/api/webhooks/linkedapi/${encodeURIComponent(input.accountId)}/${encodeURIComponent(secret)}`,
    headers: { "content-type": "application/json" },
    body,
  };
}

async function post(request: Prepared): Promise<Delivered> {
  const response = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body, redirect: "manual" });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    // not JSON: answered as text
  }
  return { status: response.status, body };
}
