import "server-only";
import type { Usage } from "@/lib/contracts/usage";
import { appDatabase } from "@/lib/server/app-database";
import { isDemoMode } from "@/lib/server/auth/viewer";
import { getEnv } from "@/lib/server/env";
import { dailyUsage, usageDay } from "./provider-meter";

/** Today's calls and credits of one account, as the meter counted them (the budget reads the same row). */
export async function usageToday(accountId: string, now: number = Date.now()): Promise<Usage> {
  const day = usageDay(now);
  const budget = getEnv().THREADLINE_DAILY_CREDIT_BUDGET;
  // The demo costs nothing and keeps no database.
  if (isDemoMode()) return { day, calls: 0, credits: 0, dailyCreditBudget: budget };
  const { calls, credits } = await dailyUsage(await appDatabase(), accountId, day);
  return { day, calls, credits, dailyCreditBudget: budget };
}
