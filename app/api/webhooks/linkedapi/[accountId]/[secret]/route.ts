import { z } from "zod";
import { idParamSchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { linkedApiDelivery } from "@/lib/server/push/webhooks";

export const maxDuration = 10;

/**
 * Linked API's webhook for one account. It signs nothing, so the URL registered with it carries
 * the account's webhook secret, checked by the gate (a wrong one is a 404, like an unknown account).
 */
const receive = apiRoute(
  { params: z.strictObject({ accountId: idParamSchema, secret: idParamSchema }), query: z.strictObject({}), access: "webhook:linkedapi", maxDurationSeconds: maxDuration },
  ({ viewer, body }) => linkedApiDelivery(viewer, body),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ POST: receive }, "webhook:linkedapi");
