import { z } from "zod";
import { setupBodySchema } from "@/lib/contracts/team";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { setUpAdmin } from "@/lib/server/team/team";

/** Open to the signed-out: an admin named by THREADLINE_ADMIN_EMAILS chooses their password, once. */
const setUp = apiRoute({ params: z.strictObject({}), query: z.strictObject({}), body: setupBodySchema, access: "public" }, ({ body, request }) => setUpAdmin(body, request));

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ POST: setUp }, "public");
