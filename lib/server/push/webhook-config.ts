import "server-only";
import type { AccountConfig } from "@/lib/server/env";

/**
 * The providers whose webhooks we take: ConnectSafely (`message.received`, signed) and Linked API
 * (`inbox.messageReceived`, unsigned: its URL carries the secret). Linkup v1 registers a webhook
 * URL too, but what it then sends is documented nowhere we can read, so it is left out; Linkup v2
 * documents none.
 */
export const PUSH_PROVIDERS = ["connectsafely", "linkedapi"] as const;
export type PushProvider = (typeof PUSH_PROVIDERS)[number];

/** An account whose provider delivers its new messages to us. */
export type WebhookAccount = {
  id: string;
  provider: PushProvider;
  secret: string;
  /** ConnectSafely's id of the LinkedIn account (Linked API's deliveries name none): deliveries for another are not this account's. */
  providerAccountId?: string;
};

export function webhookOf(config: AccountConfig): WebhookAccount | undefined {
  switch (config.provider) {
    case "connectsafely":
      return config.webhookSecret === undefined
        ? undefined
        : { id: config.id, provider: "connectsafely", secret: config.webhookSecret, providerAccountId: config.accountId };
    case "linkedapi":
      return config.webhookSecret === undefined ? undefined : { id: config.id, provider: "linkedapi", secret: config.webhookSecret };
    default:
      return undefined;
  }
}
