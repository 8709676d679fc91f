import { errorResponse } from "@/lib/server/api-route";
import { ApiError } from "@/lib/server/errors";

/** Unknown API paths answer in our envelope, not with an HTML page. */
function notFound(): Response {
  return errorResponse(new ApiError("not_found", "No such API endpoint."));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
