import { z } from "zod";

/**
 * Scripted failures for the next matching upstream calls, switchable per test through the control
 * API: an error status with a body, a slow answer, a dropped connection, or a damaged answer
 * (cut short, a field missing, unknown fields added).
 */
const common = {
  action: z.string().optional(),
  /** Only calls that ask for a later page (a cursor: true), or only first pages (false); either when unset. */
  paged: z.boolean().optional(),
  times: z.number().int().min(1).default(1),
};

const faultKindsSchema = z.discriminatedUnion("kind", [
  z.object({
      ...common,
      kind: z.literal("status"),
      status: z.number().int().min(200).max(599),
      body: z.unknown().optional(),
      headers: z.record(z.string(), z.string()).optional(),
    }),
  z.object({ ...common, kind: z.literal("delay"), delayMs: z.number().int().min(1).max(120_000) }),
  z.object({ ...common, kind: z.literal("reset") }),
  z.object({ ...common, kind: z.literal("truncate") }),
  /** `path` like "data.messages.*.timestamp": `*` is every element of an array. */
  z.object({ ...common, kind: z.literal("drop-field"), path: z.string().min(1) }),
  z.object({ ...common, kind: z.literal("extra-fields") }),
]);

export const faultSchema = z.preprocess(
  (input) => (typeof input === "object" && input !== null && !("kind" in input) ? { ...input, kind: "status" } : input),
  faultKindsSchema,
);
export type Fault = z.infer<typeof faultKindsSchema>;
type StatusFaultInput = Extract<z.input<typeof faultKindsSchema>, { kind: "status" }>;
/** What a test may send: `kind` defaults to "status", `times` to 1. */
export type FaultInput = z.input<typeof faultKindsSchema> | (Omit<StatusFaultInput, "kind"> & { kind?: undefined });

export function createFaultQueue() {
  let faults: Fault[] = [];
  return {
    add(fault: Fault): void {
      faults.push({ ...fault });
    },
    clear(): void {
      faults = [];
    },
    /** The fault for this call, if any, counting it down. */
    take(action: string | undefined, paged = false): Fault | undefined {
      const fault = faults.find((f) => f.times > 0 && (f.action === undefined || f.action === action) && (f.paged === undefined || f.paged === paged));
      if (!fault) return undefined;
      fault.times--;
      faults = faults.filter((f) => f.times > 0);
      return fault;
    },
  };
}

/** A random fault for a soak: each call fails with probability `rate`, in one of the ways above. */
export function chaosFault(rate: number, random: () => number): Fault | undefined {
  if (random() >= rate) return undefined;
  const pick = Math.floor(random() * 8);
  const internal = { success: false, error: { code: "INTERNAL_ERROR", message: "injected" } };
  switch (pick) {
    case 0:
      return { kind: "status", status: 500, body: internal, times: 1 };
    case 1:
      return { kind: "status", status: 502, body: "<html>Bad gateway</html>", times: 1 };
    case 2:
      return { kind: "status", status: 503, times: 1 };
    case 3:
      return { kind: "status", status: 429, body: { success: false, error: { code: "RATE_LIMITED", message: "slow down" } }, headers: { "retry-after": "1" }, times: 1 };
    case 4:
      return { kind: "reset", times: 1 };
    case 5:
      return { kind: "truncate", times: 1 };
    case 6:
      return { kind: "delay", delayMs: 300, times: 1 };
    default:
      return { kind: "drop-field", path: "data", times: 1 };
  }
}

/** Applies a damaging fault to a real JSON answer. */
export function damage(fault: Fault, text: string): string {
  switch (fault.kind) {
    case "truncate":
      return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    case "drop-field": {
      const json = JSON.parse(text) as unknown;
      dropPath(json, fault.path.split("."));
      return JSON.stringify(json);
    }
    case "extra-fields":
      return JSON.stringify(addUnknownFields(JSON.parse(text) as unknown));
    default:
      return text;
  }
}

function dropPath(value: unknown, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || typeof value !== "object" || value === null) return;
  if (head === "*" && Array.isArray(value)) {
    if (rest.length > 0) for (const item of value) dropPath(item, rest);
    return;
  }
  const record = value as Record<string, unknown>;
  if (rest.length === 0) delete record[head];
  else dropPath(record[head], rest);
}

function addUnknownFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(addUnknownFields);
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = addUnknownFields(inner);
  copy.x_added_by_provider = { nested: [1, "two", null], flag: true };
  return copy;
}
