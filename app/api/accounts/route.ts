import { z } from "zod";
import { apiRoute } from "@/lib/server/api-route";
import { getAccounts } from "@/lib/server/inbox";

export const GET = apiRoute({ params: z.strictObject({}), query: z.strictObject({}) }, () => getAccounts());
