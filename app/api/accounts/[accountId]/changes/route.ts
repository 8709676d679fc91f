import { z } from "zod";
import { changesQuerySchema, idParamSchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { getChanges } from "@/lib/server/push/changes";

/** For an account with push: which conversations its webhooks announced news in, from our database. */
const listChanges = apiRoute(
  { params: z.strictObject({ accountId: idParamSchema }), query: changesQuerySchema },
  ({ params, query }) => getChanges(params.accountId, query.since),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: listChanges });
