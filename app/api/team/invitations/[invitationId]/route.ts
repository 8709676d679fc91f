import { z } from "zod";
import { idParamSchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { revokeInvitation } from "@/lib/server/team/team";

const revoke = apiRoute(
  { params: z.strictObject({ invitationId: idParamSchema }), query: z.strictObject({}), access: "admin" },
  ({ viewer, params }) => revokeInvitation(viewer, params.invitationId),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ DELETE: revoke }, "admin");
