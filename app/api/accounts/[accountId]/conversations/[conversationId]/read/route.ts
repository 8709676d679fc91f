import { z } from "zod";
import { readMarkBodySchema } from "@/lib/contracts/api";
import { idParamSchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { markConversation } from "@/lib/server/inbox";

const params = z.strictObject({ accountId: idParamSchema, conversationId: idParamSchema });
const query = z.strictObject({});

/** Read through a message (PUT), or unread again (DELETE): this rep's own mark, in our database only. */
const markRead = apiRoute({ params, query, body: readMarkBodySchema }, ({ viewer, params, body }) => markConversation(viewer, params.accountId, params.conversationId, body));
const markUnread = apiRoute({ params, query }, ({ viewer, params }) => markConversation(viewer, params.accountId, params.conversationId, null));

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ PUT: markRead, DELETE: markUnread });
