import { z } from "zod";
import { idParamSchema } from "@/lib/contracts/queries";
import { assignmentsBodySchema } from "@/lib/contracts/team";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { setMemberAccounts } from "@/lib/server/team/team";

/** Replaces which accounts a member may use; it applies from their next request. */
const assign = apiRoute(
  { params: z.strictObject({ userId: idParamSchema }), query: z.strictObject({}), body: assignmentsBodySchema, access: "admin" },
  ({ viewer, params, body }) => setMemberAccounts(viewer, params.userId, body.accountIds),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ PUT: assign }, "admin");
