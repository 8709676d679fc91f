import type { ErrorCode } from "@/lib/contracts/errors";
import type { FaultInput } from "../../fake-upstream/faults";
import { E2E } from "./env";

/**
 * The Linkup v2 rows of the fault matrix (FAULTS.md): the fault at the provider, the code and status
 * our API answers with (every row, api/provider-faults.spec.ts), and the banner the UI shows for that
 * code (one row per code in the browser, desktop/fault-matrix.spec.ts: rows that share a code share
 * the screen, so showing each code once proves every row's screen).
 */
export type LinkupV2Action = "get_conversation" | "list_inbox";
/** Our API's read that makes the provider call: the inbox's (list_inbox) or a thread's (get_conversation). */
export type LinkupV2Read = "inbox" | "thread";
export type LinkupV2FaultRow = {
  /** The row's name in FAULTS.md. */
  name: string;
  /** The fault for one provider action (the thread poller asks get_conversation, the inbox head poller list_inbox). */
  fault: (action: LinkupV2Action) => FaultInput;
  code: ErrorCode;
  status: number;
  /** The Retry-After we answer with, in seconds, where the row sets one. */
  retryAfter?: number;
  /** Our API's reads the row is proven on (each ~1 s): both where the fault differs between them. */
  apiReads: readonly LinkupV2Read[];
  /** The provider's own words in its answer, which ours must never repeat. */
  providerText?: string;
  /**
   * Set on the rows the browser shows (one of each code): what the stale banner says, the
   * title, then what the rep can do.
   */
  banner?: RegExp;
};

const linkupError = (code: string, message: string) => ({ success: false, error: { code, message } });
/** Enough to outlast the server's own retries (3 attempts per request) over several polls. */
const TIMES = 500;

export const LINKUP_V2_FAULT_ROWS: LinkupV2FaultRow[] = [
  {
    name: "401 key rejected",
    fault: (action) => ({ action, status: 401, body: { message: "Unauthorized" }, times: TIMES }),
    code: "upstream_auth",
    status: 502,
    apiReads: ["inbox"],
    providerText: "Unauthorized",
  },
  {
    name: "403 INVALID_API_KEY",
    fault: (action) => ({ action, status: 403, body: linkupError("INVALID_API_KEY", "Invalid API key"), times: TIMES }),
    code: "upstream_auth",
    status: 502,
    apiReads: ["thread"],
    providerText: "Invalid API key",
    banner: /LinkedIn connection lost\. Retry once it's reconnected\./,
  },
  {
    name: "402 INSUFFICIENT_CREDITS",
    fault: (action) => ({ action, status: 402, body: linkupError("INSUFFICIENT_CREDITS", "No credits left"), times: TIMES }),
    code: "credits_exhausted",
    status: 502,
    apiReads: ["inbox"],
    providerText: "No credits left",
    banner: /Out of credits\. Top up the provider account to continue\./,
  },
  {
    name: "429 with Retry-After",
    fault: (action) => ({ action, status: 429, body: linkupError("RATE_LIMITED", "Too many requests"), headers: { "retry-after": "9" }, times: TIMES }),
    code: "rate_limited",
    status: 429,
    apiReads: ["thread"],
    providerText: "Too many requests",
    retryAfter: 9,
    banner: /Rate limited\. Try again in 9 s\./,
  },
  {
    name: "429 without Retry-After",
    fault: (action) => ({ action, status: 429, body: linkupError("RATE_LIMITED", "Too many requests"), times: TIMES }),
    code: "rate_limited",
    status: 429,
    apiReads: ["inbox"],
    providerText: "Too many requests",
    retryAfter: 10,
  },
  {
    name: "500",
    fault: (action) => ({ action, status: 500, body: linkupError("INTERNAL_ERROR", "Internal error"), times: TIMES }),
    code: "upstream_error",
    status: 502,
    apiReads: ["thread"],
    providerText: "Internal error",
    banner: /LinkedIn is unavailable\. Try again in a moment\./,
  },
  {
    name: "502",
    fault: (action) => ({ action, status: 502, body: "<html><body>Bad gateway</body></html>", times: TIMES }),
    code: "upstream_error",
    status: 502,
    apiReads: ["inbox"],
    providerText: "Bad gateway",
  },
  {
    name: "503",
    fault: (action) => ({ action, status: 503, body: "Service Unavailable", times: TIMES }),
    code: "upstream_error",
    status: 502,
    apiReads: ["thread"],
    providerText: "Service Unavailable",
  },
  {
    name: "timeout",
    // Longer than the server's per-attempt timeout: every attempt times out.
    fault: (action) => ({ action, kind: "delay", delayMs: E2E.upstreamTimeoutMs + 3_000, times: TIMES }),
    code: "upstream_timeout",
    status: 504,
    apiReads: ["inbox"],
    banner: /LinkedIn is slow to respond\. Try again in a moment\./,
  },
  {
    name: "connection reset",
    fault: (action) => ({ action, kind: "reset", times: TIMES }),
    code: "upstream_error",
    status: 502,
    apiReads: ["thread"],
  },
  {
    name: "truncated JSON",
    fault: (action) => ({ action, kind: "truncate", times: TIMES }),
    code: "upstream_invalid",
    status: 502,
    apiReads: ["inbox"],
    banner: /Unreadable answer from LinkedIn\. Try again later\./,
  },
  {
    name: "missing required field",
    fault: (action) => ({
      action,
      kind: "drop-field",
      path: action === "get_conversation" ? "data.messages.*.timestamp" : "data.conversations.*.participant",
      times: TIMES,
    }),
    code: "upstream_invalid",
    status: 502,
    apiReads: ["inbox", "thread"],
  },
];
