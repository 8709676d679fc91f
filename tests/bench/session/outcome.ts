/** What the runs of the scripted session report (the session process writes it; the bench parses it). */
import { z } from "zod";

const latenciesSchema = z.object({
  messages: z.number(),
  p50s: z.number().nullable(),
  p95s: z.number().nullable(),
  maxS: z.number().nullable(),
  neverShown: z.number(),
});
export type Latencies = z.infer<typeof latenciesSchema>;

const paceRow = z.object({ head: z.number(), changes: z.number() });
export const paceTableSchema = z.object({ live: paceRow, active: paceRow, idle: paceRow });
export type PaceTable = z.infer<typeof paceTableSchema>;

const countsSchema = z.record(z.string(), z.number());

/** Totals over `sessions` runs of the script; latencies pooled over all of them. */
export const sessionOutcomeSchema = z.object({
  watcher: z.enum(["threadline", "naive"]),
  paceMs: paceTableSchema,
  sessions: z.number(),
  upstreamCalls: z.number(),
  credits: z.number(),
  callsByAction: countsSchema,
  upstreamCallsWhileHidden: z.number(),
  apiRequestsWhileHidden: z.number(),
  apiRequests: countsSchema,
  /** Seconds from arrival to visible, by what the rep was doing when it arrived (hidden: from the tab shown again). */
  latency: z.object({ active: latenciesSchema, idle: latenciesSchema, hidden: latenciesSchema }),
  openThreadMessages: z.number(),
  shownExactlyOnce: z.number(),
  problems: z.array(z.string()),
  realSeconds: z.number(),
});
export type SessionOutcome = z.infer<typeof sessionOutcomeSchema>;
