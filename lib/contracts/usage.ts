/** What an account's provider calls cost today: the credit meter, for the rep and the admin. */
import { z } from "zod/mini";

export const usageSchema = z.object({
  /** The UTC day counted, "2026-11-30". */
  day: z.string(),
  calls: z.int().check(z.nonnegative()),
  /** Credits the provider reported (Linkup's credits_consumed); 0 where it reports none. */
  credits: z.int().check(z.nonnegative()),
  /** Past this many credits today, checking for new messages stops until tomorrow (UTC). */
  dailyCreditBudget: z.int().check(z.positive()),
});
export type Usage = z.infer<typeof usageSchema>;

export const usageResponseSchema = z.object({ usage: usageSchema });
