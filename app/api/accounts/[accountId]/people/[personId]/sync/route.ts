import { z } from "zod";
import { idParamSchema } from "@/lib/contracts/queries";
import { apiRoute } from "@/lib/server/api-route";
import { resyncPerson } from "@/lib/server/inbox";

export const maxDuration = 30;

/** Starts a new sync for a person (after a failure, or when LinkedAPI's sync has lapsed). */
export const POST = apiRoute(
  { params: z.strictObject({ accountId: idParamSchema, personId: idParamSchema }), query: z.strictObject({}), maxDurationSeconds: maxDuration },
  ({ params, signal }) => resyncPerson(params.accountId, params.personId, signal),
);
