import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/server/errors";
import { abortableSleep } from "@/lib/server/http/abortable-sleep";
import { fetchUpstream } from "@/lib/server/http/fetch-upstream";
import { NO_RETRY, type RetryPolicy } from "@/lib/server/http/retry-policy";
import { profileKey } from "@/lib/server/providers/profile-url";
import type { AdapterDeps } from "@/lib/server/providers/types";
import { classifyLinkedApiFailure, isLinkedApiErrorBody, PROVIDER } from "./errors";
import type { Channel } from "./map";
import {
  getEnvelopeSchema,
  syncEnvelopeSchema,
  workflowStartedSchema,
  workflowStatusSchema,
  type GetPersonResult,
  type SyncPersonResult,
  type WorkflowStatus,
} from "./schemas";

export type LinkedApiClientConfig = AdapterDeps & {
  token: string;
  identificationToken: string;
  /** Waits before each follow-up of a conversations.get that answered `processing` (bounded; tests shorten them). */
  resultPollDelaysMs?: readonly number[];
};

export type PersonRef = { channel: Channel; person: string };
export type GetRef = PersonRef & { since?: string };

export type Completion<T> = { standard: T[]; salesNavigator: T[] };
export type Outcome<T> = { kind: "processing"; resultLink: string } | { kind: "complete"; completion: Completion<T> };

/** conversations.get is near-instant (long polling); a `processing` answer is followed this often at most. */
const DEFAULT_RESULT_POLL_DELAYS_MS = [250, 500, 1_000] as const;

const PROCESSING = new Set(["processing", "running", "pending", "queued"]);
const COMPLETE = new Set(["complete", "completed"]);

type Envelope<T> = {
  status: string;
  completion?: { standard?: T[] | null; salesNavigator?: T[] | null } | null;
  process?: { resultLink?: string | null } | null;
  progress?: { resultLink?: string | null } | null;
};

/**
 * The HTTP calls of Linked API's seed generation ("Account API"): start a synchronization with a
 * result link, check a result link, and read conversations; and the current generation's workflows,
 * which is how a message is sent. Every call goes through fetchUpstream; both tokens travel in
 * headers only (both generations' names), never in a URL.
 */
export function createLinkedApiClient(config: LinkedApiClientConfig) {
  const base = new URL(config.baseUrl.endsWith("/") ? config.baseUrl : `${config.baseUrl}/`);
  const basePath = base.pathname.replace(/\/+$/, "");
  const endpoint = (path: string) => `${base.origin}${basePath}${path}`;
  const resultsPrefix = `${basePath}/account/results/`;
  const authHeaders = {
    "account-api-token": config.token,
    "linked-api-token": config.token,
    "identification-token": config.identificationToken,
  };

  function call<T>(
    operation: "conversations.synchronize" | "conversations.get" | "result" | "workflows" | "workflow-status",
    url: string,
    method: "GET" | "POST",
    headers: Record<string, string>,
    body: unknown,
    success: z.ZodType<T>,
    signal: AbortSignal,
    retry: RetryPolicy | undefined = config.retry,
  ) {
    return fetchUpstream({
      provider: PROVIDER,
      operation,
      fetch: config.fetch,
      url,
      method,
      headers: { ...authHeaders, ...headers },
      body,
      signal,
      timeoutMs: config.timeoutMs,
      success,
      classifyFailure: classifyLinkedApiFailure,
      isErrorBody: isLinkedApiErrorBody,
      retry,
      meter: config.meter,
    });
  }

  /**
   * Only a link on our configured Linked API (same origin, under its `/account/results/`) is ever
   * followed: the tokens go along with it, so a link elsewhere would hand them to a stranger.
   */
  function trustedResultLink(link: string): string {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      throw untrustedLink();
    }
    const hash = url.pathname.startsWith(resultsPrefix) ? url.pathname.slice(resultsPrefix.length) : "";
    if (url.origin !== base.origin || url.username !== "" || url.password !== "" || hash === "" || hash.includes("/")) throw untrustedLink();
    return url.href;
  }

  function outcomeOf<T>(envelope: Envelope<T>): Outcome<T> {
    const status = envelope.status.toLowerCase();
    if (COMPLETE.has(status)) {
      if (!envelope.completion) throw new ApiError("upstream_invalid", `${PROVIDER} sent a response we could not read (completion: missing).`);
      return { kind: "complete", completion: { standard: envelope.completion.standard ?? [], salesNavigator: envelope.completion.salesNavigator ?? [] } };
    }
    if (PROCESSING.has(status)) {
      const link = envelope.process?.resultLink ?? envelope.progress?.resultLink;
      if (!link) throw new ApiError("upstream_invalid", `${PROVIDER} sent a response we could not read (process.resultLink: missing).`);
      return { kind: "processing", resultLink: trustedResultLink(link) };
    }
    throw new ApiError("upstream_invalid", `${PROVIDER} sent a response we could not read (status: unexpected value).`);
  }

  function bodyOf(batch: readonly GetRef[]) {
    const entries = (channel: Channel) =>
      batch.filter((ref) => ref.channel === channel).map((ref) => ({ person: ref.person, ...(ref.since !== undefined ? { since: ref.since } : {}) }));
    return { standard: entries("standard"), salesNavigator: entries("salesNavigator") };
  }

  return {
    trustedResultLink,

    /** Starts synchronizing; answers at once with a result link (or, if Linked API was quick, the results). */
    async startSync(batch: readonly PersonRef[], signal: AbortSignal): Promise<Outcome<SyncPersonResult>> {
      const envelope = await call(
        "conversations.synchronize",
        endpoint("/account/conversations.synchronize"),
        "POST",
        { "result-handling": "reslink" },
        bodyOf(batch),
        syncEnvelopeSchema,
        signal,
        // Starting work is not a read: a retried start can launch the sync twice and spend the
        // account's action limits. A failed start is started again, later, by the people list.
        NO_RETRY,
      );
      return outcomeOf(envelope);
    },

    /** Asks once how a synchronization is going. */
    async checkSync(resultLink: string, signal: AbortSignal): Promise<Outcome<SyncPersonResult>> {
      const envelope = await call("result", trustedResultLink(resultLink), "GET", {}, undefined, syncEnvelopeSchema, signal);
      return outcomeOf(envelope);
    },

    /** Starts a workflow, once: a retried start could run it twice (a message sent twice). */
    async startWorkflow(body: Record<string, unknown>, signal: AbortSignal): Promise<string> {
      const started = await call("workflows", endpoint("/workflows"), "POST", {}, body, workflowStartedSchema, signal, NO_RETRY);
      return started.result.workflowId;
    },

    /** Asks once how a workflow is going. */
    async workflowStatus(workflowId: string, signal: AbortSignal): Promise<WorkflowStatus> {
      const url = endpoint(`/workflows/${encodeURIComponent(workflowId)}`);
      return (await call("workflow-status", url, "GET", {}, undefined, workflowStatusSchema, signal)).result;
    },

    /** Reads synchronized conversations (long polling); follows a result link a bounded few times. */
    async getConversations(batch: readonly GetRef[], signal: AbortSignal): Promise<Completion<GetPersonResult>> {
      const envelope = await call("conversations.get", endpoint("/account/conversations.get"), "POST", {}, bodyOf(batch), getEnvelopeSchema, signal);
      let outcome = outcomeOf(envelope);
      for (const delay of config.resultPollDelaysMs ?? DEFAULT_RESULT_POLL_DELAYS_MS) {
        if (outcome.kind === "complete") break;
        await abortableSleep(delay, signal);
        outcome = outcomeOf(await call("result", outcome.resultLink, "GET", {}, undefined, getEnvelopeSchema, signal));
      }
      if (outcome.kind === "complete") return outcome.completion;
      throw new ApiError("upstream_timeout", `${PROVIDER} did not answer in time.`, { retryable: true });
    },
  };
}

export type LinkedApiClient = ReturnType<typeof createLinkedApiClient>;

function untrustedLink(): ApiError {
  return new ApiError("upstream_invalid", `${PROVIDER} sent a result link outside its own API, which we do not follow.`);
}

/**
 * The result for one person in a completion: matched by channel and profile URL (compared loosely:
 * scheme, host, case and trailing slash may differ); a batch of one accepts its channel's only result.
 */
export function resultFor<T extends { person: string }>(completion: Completion<T>, ref: PersonRef, batchSize: number): T | undefined {
  const results = completion[ref.channel];
  const key = profileKey(ref.person);
  const matched = results.find((result) => profileKey(result.person) === key);
  if (matched) return matched;
  return batchSize === 1 && results.length === 1 ? results[0] : undefined;
}
