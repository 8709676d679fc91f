import { z } from "zod";
import { inviteBodySchema } from "@/lib/contracts/team";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { invite } from "@/lib/server/team/team";

/** A single-use invitation link for one email, valid for a week; the admin copies it to the rep. */
const createInvitation = apiRoute(
  { params: z.strictObject({}), query: z.strictObject({}), body: inviteBodySchema, access: "admin", status: 201 },
  ({ viewer, body, request }) => invite(viewer, body, new URL(request.url).origin),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ POST: createInvitation }, "admin");
