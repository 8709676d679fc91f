import "server-only";
import { z } from "zod";

/**
 * Linked API wire shapes (seeds/linkedapi-conversations.txt; providers.md §4), lenient: unknown
 * fields pass, optional ones are nullish, and only what the adapter reads is validated.
 * The seed's generation wraps every answer in `{status, completion | process | error}`.
 */
const text = z.string().nullish();

/** An ISO 8601 time, as the seed writes them ("2023-01-02T10:30:00Z"). */
export const isoTimeSchema = z.string().refine((value) => !Number.isNaN(Date.parse(value)), { message: "expected an ISO 8601 time" });

export const linkedApiMessageSchema = z.looseObject({
  id: z.string().min(1),
  /** "us" | "them"; anything else means we cannot tell who wrote it. */
  sender: text,
  text,
  time: isoTimeSchema,
});
export type LinkedApiMessage = z.infer<typeof linkedApiMessageSchema>;

/** Seed generation: `errorType`; current generation: `type`. */
export const personErrorSchema = z.looseObject({ errorType: text, type: text, message: text });

const failedResultSchema = z.looseObject({ success: z.literal(false), error: personErrorSchema.nullish() });

/** conversations.synchronize: a success carries nothing we read. */
export const syncPersonResultSchema = z.looseObject({
  person: z.string(),
  result: z.discriminatedUnion("success", [z.looseObject({ success: z.literal(true) }), failedResultSchema]),
});
export type SyncPersonResult = z.infer<typeof syncPersonResultSchema>;

/** conversations.get: a success must carry the messages. */
export const getPersonResultSchema = z.looseObject({
  person: z.string(),
  result: z.discriminatedUnion("success", [
    z.looseObject({
      success: z.literal(true),
      data: z.looseObject({ total: z.number().nullish(), messages: z.array(linkedApiMessageSchema) }),
    }),
    failedResultSchema,
  ]),
});
export type GetPersonResult = z.infer<typeof getPersonResultSchema>;

function completionSchema<T extends z.ZodType>(result: T) {
  return z.looseObject({ standard: z.array(result).nullish(), salesNavigator: z.array(result).nullish() });
}

const processSchema = z.looseObject({ message: text, resultLink: text }).nullish();

/**
 * Every answer of the seed generation: `complete` (older: `completed`) with `completion`, or
 * `processing` (older: `running`) with `process.resultLink` (older: `progress.resultLink`).
 * Error answers (`status: "error" | "failed"`, or the current `success: false`) never reach this
 * schema: see isLinkedApiErrorBody.
 */
function envelopeSchema<T extends z.ZodType>(result: T) {
  return z.looseObject({
    status: z.string(),
    completion: completionSchema(result).nullish(),
    process: processSchema,
    progress: processSchema,
  });
}

export const syncEnvelopeSchema = envelopeSchema(syncPersonResultSchema);
export type SyncEnvelope = z.infer<typeof syncEnvelopeSchema>;
export const getEnvelopeSchema = envelopeSchema(getPersonResultSchema);
export type GetEnvelope = z.infer<typeof getEnvelopeSchema>;

/**
 * Global errors, both generations: `{"status":"error","error":{"errorType"}}` (older: `"failed"`)
 * and `{"success":false,"error":{"type"}}` (current; a failed workflow says `failure.reason`).
 */
export const linkedApiErrorBodySchema = z
  .looseObject({
    status: text,
    success: z.boolean().nullish(),
    error: personErrorSchema.nullish(),
    failure: z.looseObject({ reason: text }).nullish(),
  })
  .refine((body) => body.status === "error" || body.status === "failed" || body.success === false, { message: "not an error body" });

/** Current generation, `POST /workflows`: the started workflow (a send is one). */
export const workflowStartedSchema = z.looseObject({ result: z.looseObject({ workflowId: z.string().min(1) }) });

const actionOutcomeSchema = z.looseObject({ actionType: text, success: z.boolean(), error: z.looseObject({ type: text, message: text }).nullish() });

/**
 * Current generation, `GET /workflows/{id}`: `pending` | `running` | `completed` (with its action's
 * outcome, or an array of them) | `failed` (with `failure.reason`).
 */
export const workflowStatusSchema = z.looseObject({
  result: z.looseObject({
    workflowStatus: z.string(),
    completion: z.union([actionOutcomeSchema, z.array(actionOutcomeSchema)]).nullish(),
    failure: z.looseObject({ reason: text, message: text }).nullish(),
  }),
});
export type WorkflowStatus = z.infer<typeof workflowStatusSchema>["result"];
