import { z } from "zod";
import { sendMessageBodySchema } from "@/lib/contracts/api";
import { idParamSchema, messagesQuerySchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { sendStore } from "@/lib/server/app-database";
import { getMessages } from "@/lib/server/inbox";
import { sendMessage } from "@/lib/server/sends/send-message";

export const maxDuration = 30;

const params = z.strictObject({ accountId: idParamSchema, conversationId: idParamSchema });

const listMessages = apiRoute({ params, query: messagesQuerySchema, maxDurationSeconds: maxDuration }, ({ params, query, signal }) =>
  getMessages(params.accountId, params.conversationId, query, signal),
);

/** A reply, at most once per clientId: a repeat answers how the first one went (see send-message.ts). */
const sendReply = apiRoute({ params, query: z.strictObject({}), body: sendMessageBodySchema, maxDurationSeconds: maxDuration }, ({ viewer, params, body }) =>
  sendMessage(viewer, params.accountId, params.conversationId, body, { store: sendStore() }),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: listMessages, POST: sendReply });
