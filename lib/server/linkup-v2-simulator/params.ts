import "server-only";
import { z } from "zod";
import { LINKUP_CATEGORIES } from "@/lib/server/linkup-v2-simulator/wire-types";

export const requestBodySchema = z.object({
  account_id: z.string().min(1),
  action: z.string().min(1),
  params: z.record(z.string(), z.unknown()).nullish(),
});

const countSchema = z.number().int().min(1).max(100).nullish();

export const listInboxParamsSchema = z.object({
  count: countSchema,
  category: z.enum(LINKUP_CATEGORIES).nullish(),
  cursor: z.string().min(1).nullish(),
});
export type ListInboxParams = z.infer<typeof listInboxParamsSchema>;

export const getConversationParamsSchema = z.object({
  conversation_id: z.string().min(1).nullish(),
  profile_url: z.string().min(1).nullish(),
  /** Documented alias of `profile_url`. */
  linkedin_url: z.string().min(1).nullish(),
  count: countSchema,
  /** Stringified epoch ms, as returned in `next_cursor`. */
  cursor: z
    .union([z.string().regex(/^\d{1,16}$/, "must be a stringified epoch-ms timestamp"), z.number().int().nonnegative()])
    .nullish(),
});
export type GetConversationParams = z.infer<typeof getConversationParamsSchema>;

export const sendParamsSchema = z.object({
  profile_url: z.string().min(1),
  message_text: z.string().min(1),
});
export type SendParams = z.infer<typeof sendParamsSchema>;

/** One line naming the first problem, e.g. `params.count: Too big: expected number to be <=100`. */
export function describeIssue(error: z.ZodError, pathPrefix: string): string {
  const issue = error.issues[0];
  if (issue === undefined) return "Invalid request";
  const path = [pathPrefix, ...issue.path.map(String)].filter((part) => part !== "").join(".");
  return path === "" ? issue.message : `${path}: ${issue.message}`;
}
