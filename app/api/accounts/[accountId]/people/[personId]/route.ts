import { z } from "zod";
import { idParamSchema } from "@/lib/contracts/queries";
import { apiRoute } from "@/lib/server/api-route";
import { removePerson } from "@/lib/server/inbox";

export const DELETE = apiRoute(
  { params: z.strictObject({ accountId: idParamSchema, personId: idParamSchema }), query: z.strictObject({}) },
  ({ params }) => removePerson(params.accountId, params.personId),
);
