import "server-only";
import type { Message, SendMessageBody, SendResult } from "@/lib/contracts/api";
import { providerFor } from "@/lib/server/accounts";
import type { Viewer } from "@/lib/server/auth/viewer";
import { ApiError } from "@/lib/server/errors";
import { logEvent } from "@/lib/server/log";
import { mayHaveArrived } from "@/lib/server/providers/send-errors";
import type { InboxProvider, MessageSender, SendProgress, SendReceipt } from "@/lib/server/providers/types";
import type { ConfirmedSend, SendRecord, SendStore } from "./store";

/** A send still `sending` this long after it started lost its server (a crash, a cut-off): unknown. */
const STALE_SENDING_MS = 60_000;
/**
 * How long after an unconfirmed attempt its message may still appear in the thread, unless the
 * provider says longer (MessageSender.unconfirmedGraceMs). Past it, a retry that does not find the
 * message there sends again (the rep asked, and it did not go).
 */
export const UNCONFIRMED_GRACE_MS = 60_000;
/** A sent message shows in its thread from a little before we asked (the provider's clock differs). */
const VERIFY_LOOKBACK_MS = 30_000;
/**
 * A pending send whose progress cannot be read is asked about again after the provider's wait, or
 * this many seconds; once it has been pending this long, it is left to the thread (unconfirmed), so
 * it stops holding the conversation's later replies back and stops costing status checks.
 */
const STATUS_RECHECK_AFTER_SECONDS = 10;
const STATUS_PATIENCE_MS = 2 * 60_000;
/** The most a send may take upstream: it is not cut short when the browser leaves. */
const SEND_TIMEOUT_MS = 25_000;

export type SendDeps = { store: SendStore; now?: () => number };

/**
 * A reply from a rep in an existing conversation, sent at most once per clientId whatever happens:
 * recorded before the provider is called; never retried after the provider may have received it
 * (that is `unconfirmed`, and only a later check of the thread, or a retry after the grace time
 * finding nothing there, decides); definite refusals answer their error and may be sent again.
 */
export async function sendMessage(viewer: Viewer, accountId: string, conversationId: string, body: SendMessageBody, deps: SendDeps): Promise<SendResult> {
  const now = deps.now ?? Date.now;
  const provider = providerFor(accountId);
  const sender = provider.sender;
  if (!sender) throw new ApiError("bad_request", "This account's LinkedIn connection cannot send messages.");
  if (body.text.length > sender.limits.maxLength) {
    throw new ApiError("bad_request", `The message is too long for this account: at most ${sender.limits.maxLength} characters.`);
  }
  const { record, created } = await deps.store.claim(
    { accountId, clientId: body.clientId, conversationId, userId: viewer.kind === "member" ? viewer.userId : null, text: body.text, subject: body.subject ?? null },
    now(),
  );
  if (!created && (record.conversationId !== conversationId || record.text !== body.text)) {
    throw new ApiError("conflict", "This clientId belongs to another message: make a new one for each message.");
  }
  const flow = { provider, sender, store: deps.store, now };
  return created ? attempt(flow, record) : resume(flow, record);
}

type Flow = { provider: InboxProvider; sender: MessageSender; store: SendStore; now: () => number };

async function attempt(flow: Flow, record: SendRecord): Promise<SendResult> {
  let receipt: SendReceipt;
  try {
    receipt = await flow.sender.send({ conversationId: record.conversationId, text: record.text, ...(record.subject ? { subject: record.subject } : {}) }, AbortSignal.timeout(SEND_TIMEOUT_MS));
  } catch (error) {
    if (mayHaveArrived(error)) {
      logEvent("send", { outcome: "unconfirmed", attempt: record.attempts, code: error instanceof ApiError ? error.code : "unexpected" });
      await flow.store.settle(record, { state: "unconfirmed" }, flow.now());
      return { status: "unconfirmed", message: null };
    }
    const refusal = finalRefusal(error as ApiError);
    logEvent("send", { outcome: "failed", attempt: record.attempts, code: refusal.code });
    await flow.store.settle(record, { state: "failed", errorCode: refusal.code, errorMessage: refusal.message }, flow.now());
    throw refusal;
  }
  logEvent("send", { outcome: receipt.kind, attempt: record.attempts });
  if (receipt.kind === "started") {
    await flow.store.settle(record, { state: "pending", jobRef: receipt.ref }, flow.now());
    return { status: "pending", message: null };
  }
  await flow.store.settle(record, { state: "sent", message: receipt.message }, flow.now());
  return { status: "sent", message: receipt.message };
}

/** A clientId seen before: its first outcome, or where it stands now, never a second send unless the first surely failed. */
async function resume(flow: Flow, record: SendRecord): Promise<SendResult> {
  switch (record.state) {
    case "sent":
      return { status: "sent", message: record.message };
    case "failed":
      return again(flow, record);
    case "sending":
      if (flow.now() - record.updatedAt < STALE_SENDING_MS) return { status: "pending", message: null };
      return settledThen(flow, record, { state: "unconfirmed" });
    case "pending":
      return checkJob(flow, record);
    case "unconfirmed":
      return verify(flow, record);
  }
}

/** Another attempt, for the one request that wins the record back (the others see it in flight). */
async function again(flow: Flow, record: SendRecord): Promise<SendResult> {
  const retaken = await flow.store.retake(record, flow.now());
  if (retaken) return attempt(flow, retaken);
  const current = await flow.store.get(record.accountId, record.clientId);
  return current && current.state !== "failed" ? resume(flow, current) : { status: "pending", message: null };
}

async function settledThen(flow: Flow, record: SendRecord, settlement: { state: "unconfirmed" }): Promise<SendResult> {
  const settled = (await flow.store.settle(record, settlement, flow.now())) ?? (await flow.store.get(record.accountId, record.clientId));
  return settled ? resume(flow, settled) : { status: "unconfirmed", message: null };
}

async function checkJob(flow: Flow, record: SendRecord): Promise<SendResult> {
  if (!flow.sender.status || record.jobRef === null) return { status: "pending", message: null };
  let progress: SendProgress;
  try {
    progress = await flow.sender.status(record.jobRef, AbortSignal.timeout(SEND_TIMEOUT_MS));
  } catch (error) {
    // Asking failed, not the send: the job runs on. A passing failure is asked again later, for a
    // while; any other (the connection lost, the day's budget spent) leaves it to the thread.
    logEvent("send", { outcome: "status_unknown", attempt: record.attempts, code: error instanceof ApiError ? error.code : "internal_error" });
    const recheckAfter = statusRecheckAfter(error, record, flow.now());
    if (recheckAfter !== null) return { status: "pending", message: null, retryAfter: recheckAfter };
    await flow.store.settle(record, { state: "unconfirmed" }, flow.now());
    return { status: "unconfirmed", message: null };
  }
  switch (progress.kind) {
    case "running":
    case "started":
      // Known to be running now: the patience of a status read that fails (statusRecheckAfter) counts from here.
      await flow.store.settle(record, { state: "pending", jobRef: record.jobRef }, flow.now());
      return { status: "pending", message: null };
    case "sent":
      await flow.store.settle(record, { state: "sent", message: progress.message }, flow.now());
      return { status: "sent", message: progress.message };
    case "failed": {
      const error = finalRefusal(progress.error);
      await flow.store.settle(record, { state: "failed", errorCode: error.code, errorMessage: error.message }, flow.now());
      throw error;
    }
  }
}

/**
 * After a pending send's status could not be read: the seconds to wait before asking again, or
 * null to leave it to the thread (a failure that will not pass, or none has answered for too long).
 * (A pending record's `updatedAt` is when its job was last known to be running: each good read touches it.)
 */
export function statusRecheckAfter(error: unknown, pending: Pick<SendRecord, "updatedAt">, now: number): number | null {
  const passing = error instanceof ApiError && (error.retryable || error.code === "upstream_timeout" || error.code === "rate_limited");
  if (!passing || now - pending.updatedAt >= STATUS_PATIENCE_MS) return null;
  return Math.max(1, error.retryAfter ?? STATUS_RECHECK_AFTER_SECONDS);
}

/**
 * A send's definite failure as the browser gets it: never in the code it reads as "our server could
 * not answer, ask again" (rate_limited), or a pending reply's rechecks, each finding the record
 * failed and trying it again, would send it by themselves once the limit lifts. Its words and wait stay.
 */
function finalRefusal(error: ApiError): ApiError {
  return error.code === "rate_limited" ? new ApiError("upstream_error", error.message, { retryAfter: error.retryAfter, cause: error }) : error;
}

/**
 * The provider may have it: look for it in the thread (from the rep, the same text, since just
 * before we asked). Found: sent. Not found yet: still unconfirmed; not found after the grace time:
 * it did not go, so this request (the rep's retry) sends it again.
 */
async function verify(flow: Flow, record: SendRecord): Promise<SendResult> {
  const since = record.createdAt - VERIFY_LOOKBACK_MS;
  const page = await flow.provider.messagesSince({ conversationId: record.conversationId, since }, AbortSignal.timeout(SEND_TIMEOUT_MS));
  const found = thisSendIn(page.items, record, await flow.store.confirmedSends(record.accountId, record.conversationId, since));
  if (found) {
    await flow.store.settle(record, { state: "sent", message: found }, flow.now());
    return { status: "sent", message: found };
  }
  if (!maySendAgain(flow.sender, record, flow.now())) return { status: "unconfirmed", message: null };
  return again(flow, record);
}

/** An unconfirmed attempt not found in its thread: sent again only once the provider could no longer be holding it. */
export function maySendAgain(sender: Pick<MessageSender, "unconfirmedGraceMs">, record: Pick<SendRecord, "updatedAt">, now: number): boolean {
  return now - record.updatedAt >= (sender.unconfirmedGraceMs ?? UNCONFIRMED_GRACE_MS);
}

/**
 * This send's message among the thread's: one from the rep with its words that no other confirmed
 * send of the same words accounts for (the same words sent a minute ago are that send's message,
 * not this one). A confirmed send accounts for the message its answer named, or, where the thread
 * knows that message by another id (Linkup's send answer and its thread name a message
 * differently) or the answer named none, for one copy, unknown which: of those left, this send's
 * is taken to be the one sent nearest to when it was made.
 */
export function thisSendIn(messages: readonly Message[], send: Pick<SendRecord, "text" | "createdAt">, confirmed: readonly ConfirmedSend[]): Message | undefined {
  const words = normalized(send.text);
  const copies = messages.filter((message) => message.fromMe !== false && normalized(message.text) === words);
  const others = confirmed.filter((other) => normalized(other.text) === words);
  const named = new Set(others.flatMap((other) => (other.id !== null && copies.some((copy) => copy.id === other.id) ? [other.id] : [])));
  const unclaimed = copies.filter((copy) => !named.has(copy.id)).sort((a, b) => Math.abs(a.sentAt - send.createdAt) - Math.abs(b.sentAt - send.createdAt));
  return unclaimed.length > others.length - named.size ? unclaimed[0] : undefined;
}

function normalized(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
