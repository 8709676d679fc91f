/** What an account's provider calls cost today: the credit meter, for the rep and the admin. */
import { z } from "zod";

export const usageSchema = z.object({
  /** The UTC day counted, "2026-11-30". */
  day: z.string(),
  calls: z.number().int().nonnegative(),
  /** Credits the provider reported (Linkup's credits_consumed); 0 where it reports none. */
  credits: z.number().int().nonnegative(),
  /** Past this many credits today, checking for new messages stops until tomorrow (UTC). */
  dailyCreditBudget: z.number().int().positive(),
});
export type Usage = z.infer<typeof usageSchema>;

export const usageResponseSchema = z.object({ usage: usageSchema });
