import { z } from "zod";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { getTeam } from "@/lib/server/team/team";

/** The team page's data: members with their accounts, open invitations, the configured accounts. */
const readTeam = apiRoute({ params: z.strictObject({}), query: z.strictObject({}), access: "admin" }, ({ viewer }) => getTeam(viewer));

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: readTeam }, "admin");
