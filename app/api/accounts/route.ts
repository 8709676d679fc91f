import { z } from "zod";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { getAccounts } from "@/lib/server/inbox";

const listAccounts = apiRoute({ params: z.strictObject({}), query: z.strictObject({}) }, ({ viewer }) => getAccounts(viewer));

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: listAccounts });
