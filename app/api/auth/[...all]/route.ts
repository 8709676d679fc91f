import { routeMethods } from "@/lib/server/api-route";
import { handleAuthRequest } from "@/lib/server/auth/handler";

/** Better Auth: sign-in by password or the company's IdP, sign-out, the OIDC callback. */
export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: handleAuthRequest, POST: handleAuthRequest }, "public");
