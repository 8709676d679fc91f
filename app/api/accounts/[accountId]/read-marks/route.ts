import { z } from "zod";
import { idParamSchema, sinceQuerySchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { getReadMarks } from "@/lib/server/inbox";

/** The rep's read marks on the account since `since`, set on any of their devices: our database only. */
const listReadMarks = apiRoute(
  { params: z.strictObject({ accountId: idParamSchema }), query: sinceQuerySchema },
  ({ viewer, params, query }) => getReadMarks(viewer, params.accountId, query.since),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: listReadMarks });
