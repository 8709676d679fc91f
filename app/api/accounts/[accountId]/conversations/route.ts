import { z } from "zod";
import { conversationsQuerySchema, idParamSchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { getConversations } from "@/lib/server/inbox";

export const maxDuration = 30;

const listConversations = apiRoute(
  { params: z.strictObject({ accountId: idParamSchema }), query: conversationsQuerySchema, maxDurationSeconds: maxDuration },
  ({ viewer, params, query, signal }) => getConversations(viewer, params.accountId, query, signal),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: listConversations });
