import { z } from "zod";
import { idParamSchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { removeMember } from "@/lib/server/team/team";

/** Removes a member: their sessions end at once, their next request answers 401. */
const remove = apiRoute(
  { params: z.strictObject({ userId: idParamSchema }), query: z.strictObject({}), access: "admin" },
  ({ viewer, params }) => removeMember(viewer, params.userId),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ DELETE: remove }, "admin");
