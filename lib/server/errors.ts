import "server-only";
import { ERROR_STATUS, errorEnvelope, type ErrorCode, type ErrorEnvelope } from "@/lib/contracts/errors";

/**
 * The one error type our server throws on purpose. Everything that reaches a route handler
 * as an ApiError becomes our envelope; anything else is logged and answered as internal_error.
 * `message` is written by us for the rep: it never carries an upstream body.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** Seconds until a retry makes sense. */
  readonly retryAfter?: number;
  /** Whether the same request may succeed if simply tried again (network, 429, 5xx, timeout). */
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: { retryAfter?: number; retryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "ApiError";
    this.code = code;
    this.retryAfter = options.retryAfter;
    this.retryable = options.retryable ?? false;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toEnvelope(): ErrorEnvelope {
    return errorEnvelope(this.code, this.message, this.retryAfter);
  }
}
