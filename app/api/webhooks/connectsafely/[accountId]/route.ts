import { z } from "zod";
import { idParamSchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { connectSafelyDelivery } from "@/lib/server/push/webhooks";

/** ConnectSafely wants a 2xx within 15 s: nothing here calls a provider. */
export const maxDuration = 10;

/** ConnectSafely's `message.received` for one account, signed (X-Webhook-Signature) with its webhook secret. */
const receive = apiRoute(
  { params: z.strictObject({ accountId: idParamSchema }), query: z.strictObject({}), access: "webhook:connectsafely", maxDurationSeconds: maxDuration },
  ({ viewer, body, request }) => connectSafelyDelivery(viewer, body, request.headers.get("x-webhook-signature")),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ POST: receive }, "webhook:connectsafely");
