import { z } from "zod";
import { idParamSchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { removePerson } from "@/lib/server/inbox";

const removeOne = apiRoute(
  { params: z.strictObject({ accountId: idParamSchema, personId: idParamSchema }), query: z.strictObject({}) },
  ({ params }) => removePerson(params.accountId, params.personId),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ DELETE: removeOne });
