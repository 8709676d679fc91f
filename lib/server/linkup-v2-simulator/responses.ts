import "server-only";
import type {
  LinkupAction,
  LinkupErrorBody,
  LinkupErrorCode,
  LinkupSuccessBody,
} from "@/lib/server/linkup-v2-simulator/wire-types";

const STATUS_BY_ERROR_CODE: Record<LinkupErrorCode, number> = {
  INVALID_API_KEY: 403,
  INVALID_ACCOUNT: 404,
  INVALID_ACTION: 400,
  INVALID_PARAMS: 400,
  NOT_FOUND: 404,
};

/** What an action answers before it is wrapped in Linkup's envelope. */
export type ActionOutcome<TData> =
  | { ok: true; data: TData; creditsConsumed: number }
  | { ok: false; code: LinkupErrorCode; message: string };

export function actionFailure(code: LinkupErrorCode, message: string): ActionOutcome<never> {
  return { ok: false, code, message };
}

/** Linkup bills 1 credit per 10 results, and at least one per successful call. */
export function creditsForResults(resultCount: number): number {
  return Math.max(1, Math.ceil(resultCount / 10));
}

/** ISO 8601 without milliseconds, as in the seed pages ("2026-04-26T10:35:00Z"). */
function isoTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function successResponse<TData>(
  action: LinkupAction,
  accountId: string,
  data: TData,
  creditsConsumed: number,
  nowMs: number,
): Response {
  const body: LinkupSuccessBody<TData> = {
    success: true,
    data,
    metadata: { action, account_id: accountId, credits_consumed: creditsConsumed, timestamp: isoTimestamp(nowMs) },
  };
  return Response.json(body, { status: 200 });
}

export function errorResponse(code: LinkupErrorCode, message: string, action: string | null, nowMs: number): Response {
  const body: LinkupErrorBody = {
    success: false,
    error: { code, message },
    metadata: { action, credits_consumed: 0, timestamp: isoTimestamp(nowMs) },
  };
  return Response.json(body, { status: STATUS_BY_ERROR_CODE[code] });
}
