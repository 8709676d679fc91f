/**
 * A stateful fake of Linked API's seed generation ("Account API", seeds/linkedapi-conversations.txt,
 * providers.md §4) over a Linkup-style fixture mailbox: `POST …/account/conversations.synchronize`,
 * `POST …/account/conversations.get` and `GET …/account/results/<hash>`, with the real envelopes,
 * token headers and per-person errors; and the current generation's send workflows (`POST
 * …/workflows` with `st.sendMessage` / `nv.sendMessage`, `GET …/workflows/<id>`), which complete
 * after `sendDelayMs`. It is mounted under any path prefix (e.g. `/linkedapi`): endpoints are
 * matched by suffix and result links keep the prefix.
 *
 * Times: written as whole-second ISO strings like the seed's examples ("2023-01-02T10:30:00Z"), so
 * messages within one second share a time. `since` is exclusive (time > since, compared at that
 * second precision), as the seed's recommended flow ("pass the time of the last message you
 * received") implies. The fixture's profile URLs are the people; the rep is `self`.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { LinkupMailbox, LinkupThread } from "@/lib/server/linkup-v2-simulator/wire";
import { abortableSleep } from "@/lib/server/http/abortable-sleep";
import { jsonOf } from "./json-body";

export type LinkedApiFakeOptions = {
  mailbox: LinkupMailbox;
  self: { profileUrl: string };
  token: string;
  identificationToken: string;
  /** How long a synchronization takes (by `now`); a long-polling synchronize waits this long for real. */
  syncDelayMs: number;
  now?: () => number;
  /** Whether the LinkedIn account has Sales Navigator (default true); false → `noSalesNavigator`. */
  salesNavigator?: boolean;
  /** How long a send workflow takes (by `now`; default 2 s): then its message is in the thread. */
  sendDelayMs?: number;
};

export type LinkedApiFake = {
  handle(request: Request): Promise<Response>;
  /** The sync of this person's conversation lapses (both channels): reads say `notSynchronized`. */
  expire(personUrl: string): void;
  /** The fixture conversation a person's URL names on a channel (how this fake finds them), if any. */
  conversationOf(personUrl: string, channel: Channel): string | undefined;
  /** Forgets every sync and result link. */
  reset(): void;
};

export type Channel = "standard" | "salesNavigator";
type PersonFailure = { person: string; result: { success: false; error: { errorType: string; message: string } } };
type PersonResult = { person: string; result: { success: true; data?: unknown } } | PersonFailure;
type Completion = { standard: PersonResult[]; salesNavigator: PersonResult[] };

const SYNCHRONIZE = "/account/conversations.synchronize";
const GET = "/account/conversations.get";
const RESULTS = /^(.*)\/account\/results\/([^/]+)$/;
const WORKFLOWS = "/workflows";
const WORKFLOW = /\/workflows\/([^/]+)$/;
const DEFAULT_SEND_DELAY_MS = 2_000;
const SEND_ACTIONS = { "st.sendMessage": "standard", "nv.sendMessage": "salesNavigator" } as const;

const entrySchema = z.object({
  person: z.string().min(1),
  since: z
    .string()
    .refine((value) => !Number.isNaN(Date.parse(value)), "since must be an ISO 8601 time")
    .optional(),
});
const bodySchema = z
  .object({ standard: z.array(entrySchema).optional(), salesNavigator: z.array(entrySchema).optional() })
  .refine((body) => (body.standard?.length ?? 0) + (body.salesNavigator?.length ?? 0) > 0, "at least one conversation is required");
type Entry = z.infer<typeof entrySchema> & { channel: Channel };

const workflowSchema = z.object({
  actionType: z.enum(Object.keys(SEND_ACTIONS) as [keyof typeof SEND_ACTIONS]),
  personUrl: z.string().min(1),
  text: z.string().min(1).max(1_900),
  subject: z.string().min(1).optional(),
});
type SendWorkflow = z.infer<typeof workflowSchema>;
type ActionOutcome = { actionType: string; success: true } | { actionType: string; success: false; error: { type: string; message: string } };
type Workflow = { send: SendWorkflow; readyAt: number; outcome?: ActionOutcome };

const PERSON_ERRORS = {
  personNotFound: "The provided URL is not an existing LinkedIn person.",
  notSynchronized: "The conversation with this person isn't synchronized.",
  selfProfileNotAllowed: "You cannot use your own profile.",
  noSalesNavigator: "This account has no Sales Navigator subscription.",
} as const;

export function createLinkedApiFake(options: LinkedApiFakeOptions): LinkedApiFake {
  const now = options.now ?? Date.now;
  /** `<channel>|<conversation_id>` → when its sync completes(d), by `now`. */
  const synced = new Map<string, number>();
  const results = new Map<string, { readyAt: number; completion: Completion }>();
  const workflows = new Map<string, Workflow>();
  const selfKey = personKey(options.self.profileUrl);

  function resolve(channel: Channel, url: string): LinkupThread | "self" | undefined {
    // Sales Navigator reaches a person by their lead link or, like the seed's example, their profile.
    const key = channel === "standard" ? personKey(url) : (salesLeadAsStandardKey(url) ?? personKey(url));
    if (key === undefined) return undefined;
    if (key === selfKey) return "self";
    const conversation = options.mailbox.conversations("INBOX").find((c) => personKey(c.participant.profile_url) === key);
    return conversation ? options.mailbox.thread(conversation.conversation_id) : undefined;
  }

  const syncKey = (channel: Channel, thread: LinkupThread) => `${channel}|${thread.conversation.conversation_id}`;
  const isSynced = (channel: Channel, thread: LinkupThread) => (synced.get(syncKey(channel, thread)) ?? Infinity) <= now();

  function failure(entry: Entry, errorType: keyof typeof PERSON_ERRORS): PersonFailure {
    return { person: entry.person, result: { success: false, error: { errorType, message: PERSON_ERRORS[errorType] } } };
  }

  /** The fixture thread an entry names, or the per-person error Linked API would answer instead. */
  function lookup(entry: Pick<Entry, "channel" | "person">): { thread: LinkupThread } | { failed: PersonFailure } {
    if (entry.channel === "salesNavigator" && options.salesNavigator === false) return { failed: failure(entry, "noSalesNavigator") };
    const thread = resolve(entry.channel, entry.person);
    if (thread === "self") return { failed: failure(entry, "selfProfileNotAllowed") };
    if (thread === undefined) return { failed: failure(entry, "personNotFound") };
    return { thread };
  }

  function synchronize(entries: Entry[], readyAt: number): Completion {
    const completion: Completion = { standard: [], salesNavigator: [] };
    for (const entry of entries) {
      const found = lookup(entry);
      if ("failed" in found) {
        completion[entry.channel].push(found.failed);
        continue;
      }
      if (!isSynced(entry.channel, found.thread)) synced.set(syncKey(entry.channel, found.thread), readyAt);
      completion[entry.channel].push({ person: entry.person, result: { success: true } });
    }
    return completion;
  }

  function read(entries: Entry[]): Completion {
    const completion: Completion = { standard: [], salesNavigator: [] };
    for (const entry of entries) {
      const found = lookup(entry);
      if ("failed" in found) {
        completion[entry.channel].push(found.failed);
        continue;
      }
      const { thread } = found;
      if (!isSynced(entry.channel, thread)) {
        completion[entry.channel].push(failure(entry, "notSynchronized"));
        continue;
      }
      const since = entry.since === undefined ? -Infinity : Date.parse(entry.since);
      const messages = [...thread.messages]
        .map((message, index) => ({ message, index }))
        // Oldest first, like the seed; equal timestamps keep the mailbox's order.
        .sort((a, b) => a.message.timestamp - b.message.timestamp || a.index - b.index)
        .filter(({ message }) => wholeSecond(message.timestamp) > since)
        .map(({ message }) => ({
          id: messageId(thread.conversation.conversation_id, message.entity_urn),
          sender: personKey(message.sender_info.profile_url) === selfKey ? "us" : "them",
          text: message.text,
          time: isoSeconds(message.timestamp),
        }));
      completion[entry.channel].push({ person: entry.person, result: { success: true, data: { total: messages.length, messages } } });
    }
    return completion;
  }

  function resultLink(request: Request, prefix: string, readyAt: number, completion: Completion): string {
    const hash = randomBytes(6).toString("hex");
    results.set(hash, { readyAt, completion });
    return `${new URL(request.url).origin}${prefix}/account/results/${hash}`;
  }

  /** A send workflow whose time has come is done: its message is in the thread, as the rep's, once. */
  function settleDue(): void {
    for (const workflow of workflows.values()) {
      if (workflow.outcome === undefined && workflow.readyAt <= now()) workflow.outcome = deliver(workflow);
    }
  }

  function deliver({ send, readyAt }: Workflow): ActionOutcome {
    const found = lookup({ channel: SEND_ACTIONS[send.actionType], person: send.personUrl });
    if ("failed" in found) {
      const { error } = found.failed.result;
      return { actionType: send.actionType, success: false, error: { type: error.errorType, message: error.message } };
    }
    options.mailbox.send?.(found.thread.conversation.conversation_id, send.text, readyAt);
    return { actionType: send.actionType, success: true };
  }

  /** Current generation: `POST …/workflows` starts a send; `GET …/workflows/{id}` says how it is going. */
  async function handleWorkflow(request: Request, workflowId: string | undefined): Promise<Response> {
    const denied = checkTokens(request.headers, options, "current");
    if (denied) return denied;
    if (workflowId !== undefined) {
      const workflow = workflows.get(workflowId);
      if (!workflow) return currentError(404, "workflowNotFound", "No workflow with this id.");
      const status = workflow.outcome ? { workflowStatus: "completed", completion: workflow.outcome } : { workflowStatus: "running" };
      return json(200, { success: true, result: { workflowId, ...status } });
    }
    const raw = await jsonOf(request);
    if (raw === undefined) return currentError(400, "invalidRequestPayload", "The request body is not valid JSON.");
    const body = workflowSchema.safeParse(raw);
    if (!body.success) return currentError(400, "invalidRequestPayload", body.error.issues[0]?.message ?? "Invalid request payload.");
    if (body.data.actionType === "nv.sendMessage" && body.data.subject === undefined) return currentError(400, "invalidRequestPayload", "subject is required.");
    const id = `wf-${randomBytes(8).toString("hex")}`;
    const sendDelayMs = options.sendDelayMs ?? DEFAULT_SEND_DELAY_MS;
    workflows.set(id, { send: body.data, readyAt: now() + sendDelayMs });
    // Done on time even if nobody asks (the control API reads the mailbox directly).
    setTimeout(settleDue, sendDelayMs).unref();
    return json(200, { success: true, result: { workflowId: id, workflowStatus: "pending" } });
  }

  const processing = (link: string) => json(200, { status: "processing", process: { message: "Your request is being processed.", resultLink: link } });

  async function handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    settleDue();
    const workflowPath = WORKFLOW.exec(path);
    if (request.method === "GET" && workflowPath) return handleWorkflow(request, decodeURIComponent(workflowPath[1] ?? ""));
    if (request.method === "POST" && path.endsWith(WORKFLOWS)) return handleWorkflow(request, undefined);
    const denied = checkTokens(request.headers, options, "seed");
    if (denied) return denied;

    const resultPath = RESULTS.exec(path);
    if (request.method === "GET" && resultPath) {
      const entry = results.get(resultPath[2] ?? "");
      if (!entry) return globalError(404, "resultNotFound", "No result at this link.");
      if (now() < entry.readyAt) return processing(`${new URL(request.url).origin}${path}`);
      return json(200, { status: "complete", completion: entry.completion });
    }

    const isSync = path.endsWith(SYNCHRONIZE);
    const isGet = path.endsWith(GET);
    if (request.method !== "POST" || (!isSync && !isGet)) return globalError(404, "notFound", `No route for ${request.method} ${path}`);
    const prefix = path.slice(0, path.length - (isSync ? SYNCHRONIZE : GET).length);

    const raw = await jsonOf(request);
    if (raw === undefined) return globalError(400, "invalidRequestBody", "The request body is not valid JSON.");
    const body = bodySchema.safeParse(raw);
    if (!body.success) return globalError(400, "invalidRequestBody", body.error.issues[0]?.message ?? "Invalid request body.");
    const entries: Entry[] = [
      ...(body.data.standard ?? []).map((entry) => ({ ...entry, channel: "standard" as const })),
      ...(body.data.salesNavigator ?? []).map((entry) => ({ ...entry, channel: "salesNavigator" as const })),
    ];
    const reslink = request.headers.get("result-handling")?.toLowerCase() === "reslink";

    if (isGet) {
      const completion = read(entries);
      return reslink ? processing(resultLink(request, prefix, now(), completion)) : json(200, { status: "complete", completion });
    }
    if (reslink) {
      const readyAt = now() + options.syncDelayMs;
      return processing(resultLink(request, prefix, readyAt, synchronize(entries, readyAt)));
    }
    // Long polling (the default): the request blocks until the synchronization is done.
    await abortableSleep(options.syncDelayMs, request.signal);
    return json(200, { status: "complete", completion: synchronize(entries, -Infinity) });
  }

  return {
    handle,
    expire(personUrl) {
      // A profile URL or a lead URL: either way, the person's conversation on both channels.
      const thread = resolve("standard", personUrl) ?? resolve("salesNavigator", personUrl);
      if (thread === undefined || thread === "self") return;
      synced.delete(syncKey("standard", thread));
      synced.delete(syncKey("salesNavigator", thread));
    },
    conversationOf(personUrl, channel) {
      const thread = resolve(channel, personUrl);
      return thread === undefined || thread === "self" ? undefined : thread.conversation.conversation_id;
    },
    reset() {
      synced.clear();
      results.clear();
      workflows.clear();
    },
  };
}

/** The seed generation's token errors and envelope, or the current one's (`linked-api-token`, `success:false`). */
function checkTokens(headers: Headers, options: LinkedApiFakeOptions, generation: "seed" | "current"): Response | undefined {
  const fail = generation === "seed" ? globalError : currentError;
  const token = generation === "seed" ? "accountApiToken" : "linkedApiToken";
  const tokens = [headers.get("account-api-token"), headers.get("linked-api-token")].filter((value): value is string => value !== null);
  if (tokens.length === 0) return fail(401, `${token}Required`, "The API token header is required.");
  if (!tokens.includes(options.token)) return fail(401, `invalid${token[0]?.toUpperCase()}${token.slice(1)}`, "The API token is invalid.");
  const identification = headers.get("identification-token");
  if (identification === null) return fail(401, "identificationTokenRequired", "The identification-token header is required.");
  if (identification !== options.identificationToken) return fail(401, "invalidIdentificationToken", "The identification token is invalid.");
  return undefined;
}


function globalError(status: number, errorType: string, message: string): Response {
  return json(status, { status: "error", error: { errorType, message } });
}

function currentError(status: number, type: string, message: string): Response {
  return json(status, { success: false, error: { type, message } });
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status });
}

/** host + path, lowercased, without scheme, `www.` or trailing slash. */
function personKey(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
    return `${parsed.hostname.toLowerCase().replace(/^www\./, "")}${decodeURIComponent(parsed.pathname).replace(/\/+$/, "").toLowerCase()}`;
  } catch {
    return undefined;
  }
}

/** A Sales Navigator lead `…/sales/lead/<slug>` is the fixture's `…/in/<slug>`. */
function salesLeadAsStandardKey(url: string): string | undefined {
  const key = personKey(url);
  const match = key === undefined ? null : /^linkedin\.com\/sales\/(?:lead|people)\/([^/]+)$/.exec(key);
  return match ? `linkedin.com/in/${match[1]}` : undefined;
}

function wholeSecond(ms: number): number {
  return Math.floor(ms / 1_000) * 1_000;
}

export function isoSeconds(ms: number): string {
  return new Date(wholeSecond(ms)).toISOString().replace(/\.000Z$/, "Z");
}

/** A stable UUID-shaped id per message, like the seed's. */
export function messageId(conversationId: string, entityUrn: string): string {
  const hex = createHash("sha256").update(`${conversationId}\n${entityUrn}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
