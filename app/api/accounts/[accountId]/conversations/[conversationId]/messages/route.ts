import { z } from "zod";
import { idParamSchema, messagesQuerySchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { getMessages } from "@/lib/server/inbox";

export const maxDuration = 30;

const listMessages = apiRoute(
  { params: z.strictObject({ accountId: idParamSchema, conversationId: idParamSchema }), query: messagesQuerySchema, maxDurationSeconds: maxDuration },
  ({ params, query, signal }) => getMessages(params.accountId, params.conversationId, query, signal),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: listMessages });
