import { z } from "zod";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { viewerSummary } from "@/lib/server/auth/viewer";

/** Who is signed in (or that this is the demo, which needs no sign-in). */
const readMe = apiRoute({ params: z.strictObject({}), query: z.strictObject({}) }, ({ viewer }) => ({ viewer: viewerSummary(viewer) }));

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: readMe });
