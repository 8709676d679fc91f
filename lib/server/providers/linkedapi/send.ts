import "server-only";
import type { SendCapability } from "@/lib/contracts/api";
import { ApiError } from "@/lib/server/errors";
import type { MessageSender, SendProgress } from "@/lib/server/providers/types";
import type { LinkedApiClient } from "./client";
import { PROVIDER, sendFailureError } from "./errors";
import type { WorkflowStatus } from "./schemas";
import type { PersonRecord } from "./store";

/** "text ≤ 1900 chars" (providers.md §4d); a Sales Navigator message needs a subject. */
export const LINKEDAPI_SEND_LIMITS: SendCapability = { maxLength: 1_900, subjectForInMail: true };
/**
 * Workflows run one at a time per LinkedIn account and complex ones take minutes (providers.md §4),
 * and retrying a send still queued sends it twice: a start whose answer was lost is given as long
 * as the browser waits for a reply to show (MATCH_AFTER_MS) before a retry may send it again.
 */
export const LINKEDAPI_UNCONFIRMED_GRACE_MS = 10 * 60_000;

export type LinkedApiSenderDeps = {
  client: LinkedApiClient;
  /** The person whose conversation this is, ready, as reads require (else the error reads answer). */
  readyPerson(conversationId: string): Promise<PersonRecord>;
};

/**
 * Sends through Linked API's current workflow API: `st.sendMessage` (`nv.sendMessage` with its
 * subject for Sales Navigator) is started once and answered `started`; `status` asks how the
 * workflow is going. A workflow id is never posted again. No message id comes back: the thread shows it.
 */
export function createLinkedApiSender({ client, readyPerson }: LinkedApiSenderDeps): MessageSender {
  return {
    limits: LINKEDAPI_SEND_LIMITS,
    unconfirmedGraceMs: LINKEDAPI_UNCONFIRMED_GRACE_MS,

    async send({ conversationId, text, subject }, signal) {
      const person = await readyPerson(conversationId);
      const workflowId = await client.startWorkflow(sendWorkflowOf(person, text, subject), signal);
      return { kind: "started", ref: workflowId };
    },

    async status(ref, signal) {
      return progressOf(await client.workflowStatus(ref, signal));
    },
  };
}

function sendWorkflowOf(person: Pick<PersonRecord, "channel" | "profileUrl">, text: string, subject: string | undefined) {
  if (person.channel === "standard") return { actionType: "st.sendMessage", personUrl: person.profileUrl, text };
  if (!subject) throw new ApiError("bad_request", "A Sales Navigator message needs a subject line: add one, then send again.");
  return { actionType: "nv.sendMessage", personUrl: person.profileUrl, text, subject };
}

function progressOf(status: WorkflowStatus): SendProgress {
  switch (status.workflowStatus.toLowerCase()) {
    case "pending":
    case "running":
      return { kind: "running" };
    case "completed": {
      // One action per send workflow; the docs allow an array of outcomes.
      const [outcome] = [status.completion ?? []].flat();
      if (!outcome) throw new ApiError("upstream_invalid", `${PROVIDER} sent a response we could not read (result.completion: missing).`);
      // A completed workflow can still hold a failed action.
      return outcome.success ? { kind: "sent", message: null } : { kind: "failed", error: sendFailureError(outcome.error?.type) };
    }
    case "failed":
      return { kind: "failed", error: sendFailureError(status.failure?.reason) };
    default:
      throw new ApiError("upstream_invalid", `${PROVIDER} sent a response we could not read (result.workflowStatus: unexpected value).`);
  }
}
