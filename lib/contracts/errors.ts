/** The one error envelope every route answers with: {"error":{"code","message"}}. */
import { z } from "zod/mini";
import { ERROR_STATUS, type ErrorCode } from "./error-codes";

export { ERROR_STATUS, type ErrorCode } from "./error-codes";

export const errorCodeSchema = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    /** Seconds until a retry makes sense (mirrors the Retry-After header). */
    retryAfter: z.optional(z.number()),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/** The envelope for one error: every error answer, from a route or from the proxy, is built here. */
export function errorEnvelope(code: ErrorCode, message: string, retryAfter?: number): ErrorEnvelope {
  return { error: { code, message, ...(retryAfter !== undefined ? { retryAfter } : {}) } };
}
