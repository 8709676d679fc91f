import { z } from "zod";
import { joinBodySchema } from "@/lib/contracts/team";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { join } from "@/lib/server/team/team";

/** Open to the signed-out: redeems an invitation link with a name and a password, and signs in. */
const redeem = apiRoute({ params: z.strictObject({}), query: z.strictObject({}), body: joinBodySchema, access: "public" }, ({ body, request }) => join(body, request));

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ POST: redeem }, "public");
