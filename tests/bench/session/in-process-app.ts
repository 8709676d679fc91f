/**
 * Threadline and its provider in this process, on whatever clock Date and the timers are (the
 * session bench fakes them): the browser code's `fetch("/api/…")` is answered by the named server
 * functions our route handlers call (lib/server/inbox.ts: the account's real Linkup v2 adapter,
 * shared reads, provider meter and the shared inbox cache in an in-memory PGlite), and that
 * adapter's requests by the Linkup v2 simulator over the fixture mailbox, each one counted.
 *
 * Installed once per process: the account's adapter keeps the fetch it was built with, so each
 * session swaps in its own mailbox (and fresh counts) here instead.
 *
 * The seam: a route handler's gate (session, origin, request rate) is not run; the path and query
 * are parsed with the routes' own schemas and errors answered in our envelope, as the routes do.
 */
import { z } from "zod";
import { conversationsQuerySchema, messagesQuerySchema } from "@/lib/contracts/queries";
import { errorResponse } from "@/lib/server/api-route";
import type { Viewer } from "@/lib/server/auth/viewer";
import { ApiError } from "@/lib/server/errors";
import { getConversations, getMessages } from "@/lib/server/inbox";
import { handleLinkupV2Request, type LinkupMailbox } from "@/lib/server/linkup-v2-simulator/wire";
import { SESSION_ACCOUNT } from "./account";

/** The rep watching: read marks are looked up for them as for any signed-in rep (the route's gate itself is not run). */
const BENCH_REP: Viewer = { kind: "member", userId: "bench-rep", email: "rep@threadline.bench", name: "Bench Rep", isAdmin: true, accountIds: new Set([SESSION_ACCOUNT.id]), rateKey: "user:bench-rep" };

export type UpstreamCall = { at: number; action: string; credits: number };
export type ApiRequest = { at: number; path: string; query: string };

const creditsSchema = z.object({ action: z.string().optional(), metadata: z.object({ credits_consumed: z.number() }).partial().nullish() });

export type InProcessApp = {
  /** A new session: the provider serves this mailbox; the counts start again. */
  serve(mailbox: LinkupMailbox): void;
  upstreamCalls(): readonly UpstreamCall[];
  apiRequests(): readonly ApiRequest[];
  /** Requests (ours or the provider's) not answered yet. */
  inFlight(): number;
};

/** Replaces the global fetch (the browser's and the provider adapter's) for good. */
export function installInProcessApp(): InProcessApp {
  let mailbox: LinkupMailbox | undefined;
  let upstreamCalls: UpstreamCall[] = [];
  let apiRequests: ApiRequest[] = [];
  let inFlight = 0;

  async function linkup(request: Request): Promise<Response> {
    if (mailbox === undefined) throw new Error("no session is being served");
    const action = creditsSchema.parse(JSON.parse(await request.clone().text())).action ?? "unknown";
    const response = await handleLinkupV2Request(request, { mailbox, apiKey: SESSION_ACCOUNT.apiKey, accountId: SESSION_ACCOUNT.linkupAccountId });
    const body = creditsSchema.parse(await response.clone().json());
    upstreamCalls.push({ at: Date.now(), action, credits: body.metadata?.credits_consumed ?? 0 });
    return response;
  }

  async function api(url: URL, signal: AbortSignal): Promise<Response> {
    apiRequests.push({ at: Date.now(), path: url.pathname, query: url.search });
    const query = Object.fromEntries(url.searchParams);
    const [, , , accountId, , conversationId, tail] = url.pathname.split("/").map(decodeURIComponent);
    try {
      if (accountId === undefined) throw new ApiError("not_found", "No such API endpoint.");
      if (conversationId === undefined) return Response.json(await getConversations(BENCH_REP, accountId, conversationsQuerySchema.parse(query), signal));
      if (tail === "messages") return Response.json(await getMessages(accountId, conversationId, messagesQuerySchema.parse(query), signal));
      throw new ApiError("not_found", "No such API endpoint.");
    } catch (error) {
      return errorResponse(error, signal);
    }
  }

  globalThis.fetch = async (input, init) => {
    inFlight++;
    try {
      const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
      if (url.startsWith("/api/")) return await api(new URL(url, "http://threadline.bench"), init?.signal ?? new AbortController().signal);
      if (url.startsWith(SESSION_ACCOUNT.baseUrl)) return await linkup(new Request(input, init));
      throw new Error(`the session bench has no answer for ${url}`);
    } finally {
      inFlight--;
    }
  };

  return {
    serve(next) {
      mailbox = next;
      upstreamCalls = [];
      apiRequests = [];
    },
    upstreamCalls: () => upstreamCalls,
    apiRequests: () => apiRequests,
    inFlight: () => inFlight,
  };
}
