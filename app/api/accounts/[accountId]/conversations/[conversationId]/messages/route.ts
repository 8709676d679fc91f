import { z } from "zod";
import { sendMessageBodySchema } from "@/lib/contracts/api";
import { idParamSchema, messagesQuerySchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { getMessages, sendReply } from "@/lib/server/inbox";

export const maxDuration = 30;

const params = z.strictObject({ accountId: idParamSchema, conversationId: idParamSchema });

const listMessages = apiRoute({ params, query: messagesQuerySchema, maxDurationSeconds: maxDuration }, ({ params, query, signal }) =>
  getMessages(params.accountId, params.conversationId, query, signal),
);

/** A reply, at most once per clientId: a repeat answers how the first one went (see send-message.ts). */
const reply = apiRoute({ params, query: z.strictObject({}), body: sendMessageBodySchema, maxDurationSeconds: maxDuration }, ({ viewer, params, body }) =>
  sendReply(viewer, params.accountId, params.conversationId, body),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: listMessages, POST: reply });
