import type { APIRequestContext } from "@playwright/test";
import type { FaultInput } from "../../fake-upstream/faults";
import type { Delivered, DeliverInput } from "../../fake-upstream/webhooks";
import { E2E } from "./env";

/** The fake upstream's control API, for tests that make LinkedIn messages arrive or providers fail. */
export function fakeUpstream(request: APIRequestContext) {
  const url = (path: string) => `${E2E.fakeUpstreamUrl}/__control${path}`;
  return {
    async reset() {
      await request.post(url("/reset"));
    },
    async conversationIds(): Promise<string[]> {
      const body = (await (await request.get(url("/conversations"))).json()) as { ids: string[] };
      return body.ids;
    },
    async addMessage(conversationId: string, text: string, fromMe = false): Promise<{ timestamp: number }> {
      const response = await request.post(url("/messages"), { data: { conversationId, text, fromMe } });
      return ((await response.json()) as { message: { timestamp: number } }).message;
    },
    async fail(fault: FaultInput) {
      const response = await request.post(url("/faults"), { data: fault });
      if (!response.ok()) throw new Error(`fake upstream refused the fault: ${await response.text()}`);
    },
    async chaos(rate: number) {
      await request.post(url("/chaos"), { data: { rate } });
    },
    async clearFaults() {
      await request.delete(url("/faults"));
    },
    /**
     * The provider delivers a webhook to the app (a new message arrives in the fixture thread first,
     * unless the delivery is tampered with): every answer the app gave, and the message's time.
     */
    async deliverWebhook(input: DeliverInput): Promise<{ sentAt: number | null; answers: Delivered[] }> {
      const response = await request.post(url("/webhooks/deliver"), { data: input });
      if (!response.ok()) throw new Error(`fake upstream could not deliver: ${response.status()} ${await response.text()}`);
      return (await response.json()) as { sentAt: number | null; answers: Delivered[] };
    },
    async stats(): Promise<{ calls: Record<string, number>; credits: number; faults: number }> {
      return (await (await request.get(url("/stats"))).json()) as { calls: Record<string, number>; credits: number; faults: number };
    },
  };
}
