/** Scripted failures for the next matching upstream calls, switchable per test through the control API. */
export type Fault = {
  /** Only calls with this action; any when absent. */
  action?: string;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many calls to fail; the fault is gone after that. */
  times: number;
};

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
    take(action: string | undefined): Fault | undefined {
      const fault = faults.find((f) => f.times > 0 && (f.action === undefined || f.action === action));
      if (!fault) return undefined;
      fault.times--;
      faults = faults.filter((f) => f.times > 0);
      return fault;
    },
  };
}
