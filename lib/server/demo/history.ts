import "server-only";
import { COMPANY_PAGES } from "@/lib/server/demo/content/company-pages";
import { LIVE_PERSONAS } from "@/lib/server/demo/content/live-personas";
import { buildCompanyPageConversation } from "@/lib/server/demo/company-page-conversation";
import { buildLivePersonaConversation } from "@/lib/server/demo/live-persona-conversation";
import { buildLongThread } from "@/lib/server/demo/long-thread";
import type { DemoConversation } from "@/lib/server/demo/model";
import { buildCast } from "@/lib/server/demo/people";
import { createSeededRandom, pickAt } from "@/lib/server/demo/random";
import { buildRegularConversation } from "@/lib/server/demo/regular-conversation";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/server/demo/timeline";

const REGULAR_CONVERSATION_COUNT = 229;
const REGULAR_SEED_BASE = 1_000;
const HISTORY_SPAN_MS = 270 * DAY_MS;
/** The long thread is the most recent activity of the history, so it sits near the top of the inbox. */
const LONG_THREAD_LAST_MS_BEFORE_ANCHOR = 7 * MINUTE_MS + 13_417;
const REGULAR_NEWEST_MS_BEFORE_ANCHOR = 25 * MINUTE_MS;
const LIVE_LAST_MS_BEFORE_ANCHOR = [50 * MINUTE_MS, 3.2 * HOUR_MS, 9 * HOUR_MS, 20 * HOUR_MS, 30 * HOUR_MS, 52 * HOUR_MS];
const COMPANY_PAGE_LAST_MS_BEFORE_ANCHOR = [2 * DAY_MS, 9 * DAY_MS, 25 * DAY_MS, 16 * DAY_MS];

export type DemoHistory = {
  conversations: readonly DemoConversation[];
  byId: ReadonlyMap<string, DemoConversation>;
};

function buildHistory(): DemoHistory {
  const random = createSeededRandom(0x7e5e1ead);
  const conversations: DemoConversation[] = [buildLongThread(LONG_THREAD_LAST_MS_BEFORE_ANCHOR)];
  LIVE_PERSONAS.forEach((_, index) => {
    conversations.push(buildLivePersonaConversation(index, pickAt(LIVE_LAST_MS_BEFORE_ANCHOR, index), random));
  });
  COMPANY_PAGES.forEach((page, index) => {
    conversations.push(buildCompanyPageConversation(page, index, pickAt(COMPANY_PAGE_LAST_MS_BEFORE_ANCHOR, index), random));
  });
  buildCast(REGULAR_CONVERSATION_COUNT, random).forEach((person, rank) => {
    const recency = rank / REGULAR_CONVERSATION_COUNT;
    const lastMsBeforeAnchor = REGULAR_NEWEST_MS_BEFORE_ANCHOR + Math.round(HISTORY_SPAN_MS * recency ** 2) + random.int(0, 3 * HOUR_MS);
    conversations.push(
      buildRegularConversation({ seed: REGULAR_SEED_BASE + rank, person, lastMsBeforeAnchor, recency, random }),
    );
  });
  return { conversations, byId: new Map(conversations.map((conversation) => [conversation.conversationId, conversation])) };
}

let history: DemoHistory | undefined;

/** Built once per process (a few milliseconds): it depends on nothing but the fixed seeds. */
export function demoHistory(): DemoHistory {
  history ??= buildHistory();
  return history;
}
