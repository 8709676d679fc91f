/**
 * Runs the scripted session (scenario.ts) once, for one way of watching the page, on the fake
 * clock: the real client code against our server's reading code and the Linkup v2 simulator in
 * this process. Reports what the provider was asked and what it cost, when each message became
 * visible, and whether the open thread shows each of its messages exactly once.
 */
import { focusManager } from "@tanstack/react-query";
import { noteInteraction, noteTyping } from "@/lib/client/activity";
import { flattenConversations, type ConversationPages } from "@/lib/client/merge-inbox";
import { queryKeys } from "@/lib/client/query-keys";
import { createFixtureMailbox } from "../../fake-upstream/fixture-mailbox";
import { SESSION_ACCOUNT } from "./account";
import { threadCensus, trackArrivals, type Tracked } from "./arrival-tracker";
import type { FakeClock } from "./fake-clock";
import type { InProcessApp } from "./in-process-app";
import { browserQueryClient, openPage, type PageWatcher } from "./page-watchers";
import { arrivalsOf, DAY_MS, HIDDEN_FROM_MS, HIDDEN_UNTIL_MS, interactionTimes, isHiddenAt, NEWEST_BEFORE_START_MS, OPEN_THREAD, phaseAt, SESSION_MS, SESSION_START, typingTimes, type Phase } from "./scenario";

export type SessionRun = {
  upstreamCalls: number;
  credits: number;
  callsByAction: Record<string, number>;
  upstreamCallsWhileHidden: number;
  apiRequestsWhileHidden: number;
  apiRequests: Record<string, number>;
  /**
   * Seconds from arrival to visible, by what the rep was doing when the message arrived; for one
   * that arrived while the tab was hidden, from the tab shown again (or arrival, if later) to visible.
   */
  seconds: Record<Phase, number[]>;
  neverShown: Record<Phase, number>;
  openThreadMessages: number;
  shownExactlyOnce: number;
  problems: string[];
};

/** The `repetition`-th session of this process: a day after the previous one, on the same clock and app. */
export async function runSession(time: FakeClock, app: InProcessApp, watcher: PageWatcher, repetition: number): Promise<SessionRun> {
  const start = SESSION_START + repetition * DAY_MS;
  const fixture = createFixtureMailbox(start - NEWEST_BEFORE_START_MS);
  const ids = fixture.conversationIds();
  const threadId = ids[OPEN_THREAD]!;
  time.startSession(start);
  app.serve(fixture.mailbox);
  const client = browserQueryClient();
  const tracker = trackArrivals(client, SESSION_ACCOUNT.id, threadId);
  try {
    focusManager.setFocused(true);
    noteInteraction();
    // As trackActivity does in the browser: back from idle, the pollers ask at once.
    const interact = () => {
      if (noteInteraction()) client.getQueryCache().onFocus();
    };
    for (const at of interactionTimes()) time.at(at, interact);
    for (const at of typingTimes()) time.at(at, noteTyping);
    time.at(HIDDEN_FROM_MS, () => focusManager.setFocused(false));
    time.at(HIDDEN_UNTIL_MS, () => {
      // The browser reports the tab shown again, then the window's focus: the rep is using the page (activity.ts).
      focusManager.setFocused(true);
      interact();
    });
    for (const arrival of arrivalsOf(repetition)) {
      time.at(arrival.atMs, () => {
        const conversationId = ids[arrival.conversation]!;
        const message = fixture.append(conversationId, arrival.text, false, Date.now());
        if (message) tracker.arrived({ text: arrival.text, conversationId, arrivedAt: Date.now(), sentAt: message.timestamp });
      });
    }
    const closePage = await openPage(watcher, client, SESSION_ACCOUNT.id, threadId);
    await time.runUntil(SESSION_MS);
    closePage();
    return measure(start, app, tracker.tracked(), client, threadId);
  } finally {
    tracker.stop();
    client.clear();
    client.unmount();
  }
}

function measure(start: number, app: InProcessApp, tracked: readonly Tracked[], client: ReturnType<typeof browserQueryClient>, threadId: string): SessionRun {
  const end = start + SESSION_MS;
  const calls = app.upstreamCalls().filter((call) => call.at < end);
  const hidden = (at: number) => isHiddenAt(at - start);
  const phaseOf = (message: Tracked) => phaseAt(message.arrivedAt - start);
  const problems: string[] = [];

  const seconds: Record<Phase, number[]> = { active: [], idle: [], hidden: [] };
  const neverShown: Record<Phase, number> = { active: 0, idle: 0, hidden: 0 };
  for (const message of tracked) {
    const phase = phaseOf(message);
    if (message.visibleAt === null) {
      neverShown[phase]++;
      problems.push(`${message.text}: never shown`);
      continue;
    }
    const from = phase === "hidden" ? Math.max(message.arrivedAt, start + HIDDEN_UNTIL_MS) : message.arrivedAt;
    seconds[phase].push(Math.max(0, message.visibleAt - from) / 1000);
  }

  const census = threadCensus(client, SESSION_ACCOUNT.id, threadId, tracked.filter((message) => message.inOpenThread).map((message) => message.text));
  for (const { text, shown, held } of census) if (shown !== 1 || held !== 1) problems.push(`${text}: shown ${shown} times, held ${held} times`);
  // Every other conversation's row ends showing its newest message.
  const rows = new Map(flattenConversations(client.getQueryData<ConversationPages>(queryKeys.conversations(SESSION_ACCOUNT.id, "INBOX"))).map((row) => [row.id, row.lastMessage?.text]));
  const newestByConversation = new Map(tracked.map((message) => [message.conversationId, message.text]));
  for (const [conversationId, text] of newestByConversation) if (rows.get(conversationId) !== text) problems.push(`inbox row ${conversationId} does not end on "${text}"`);

  return {
    upstreamCalls: calls.length,
    credits: calls.reduce((sum, call) => sum + call.credits, 0),
    callsByAction: countBy(calls.map((call) => call.action)),
    upstreamCallsWhileHidden: calls.filter((call) => hidden(call.at)).length,
    apiRequestsWhileHidden: app.apiRequests().filter((request) => hidden(request.at)).length,
    apiRequests: countBy(app.apiRequests().filter((request) => request.at < end).map((request) => apiRequestKind(request.path, request.query))),
    seconds,
    neverShown,
    openThreadMessages: census.length,
    shownExactlyOnce: census.filter(({ shown }) => shown === 1).length,
    problems,
  };
}

function apiRequestKind(path: string, query: string): string {
  const params = new URLSearchParams(query);
  if (path.endsWith("/messages")) return params.has("since") ? "thread since" : `thread page (limit ${params.get("limit")})`;
  return params.has("cursor") ? "inbox older page" : `inbox page 1 (limit ${params.get("limit")})`;
}

export function countBy(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}
