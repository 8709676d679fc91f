import { z } from "zod";
import { idParamSchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { resyncPerson } from "@/lib/server/inbox";

export const maxDuration = 30;

/** Starts a new sync for a person (after a failure, or when LinkedAPI's sync has lapsed). */
const syncAgain = apiRoute(
  { params: z.strictObject({ accountId: idParamSchema, personId: idParamSchema }), query: z.strictObject({}), maxDurationSeconds: maxDuration },
  ({ params, signal }) => resyncPerson(params.accountId, params.personId, signal),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ POST: syncAgain });
