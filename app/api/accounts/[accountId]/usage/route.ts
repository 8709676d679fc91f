import { z } from "zod";
import { idParamSchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { usageToday } from "@/lib/server/limits/usage";

/** The account's provider calls and credits today: no provider call of its own. */
const readUsage = apiRoute({ params: z.strictObject({ accountId: idParamSchema }), query: z.strictObject({}) }, async ({ params }) => ({
  usage: await usageToday(params.accountId),
}));

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: readUsage });
