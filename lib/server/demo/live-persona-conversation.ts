import "server-only";
import { DEMO_REP } from "@/lib/server/demo/account";
import { LIVE_PERSONAS, type LivePersona } from "@/lib/server/demo/content/live-personas";
import { conversationUrn, messageUrn } from "@/lib/server/demo/ids";
import type { DemoConversation, DemoMessage, DemoPerson } from "@/lib/server/demo/model";
import { memberProfileUrl } from "@/lib/server/demo/people";
import type { SeededRandom } from "@/lib/server/demo/random";
import { fillTemplate } from "@/lib/server/demo/templates";
import { layOutBeforeAnchor, MINUTE_MS, replyGap } from "@/lib/server/demo/timeline";

const LIVE_SEED_BASE = 100;
const STARRED_LIVE_SLUGS = new Set(["priya-raman-revops", "daniel-brooks-pinecrest"]);

export function livePersonaPerson(persona: LivePersona): DemoPerson {
  return {
    firstName: persona.firstName,
    lastName: persona.lastName,
    displayName: persona.displayName,
    headline: persona.headline,
    company: persona.company,
    profileUrl: memberProfileUrl(persona.slug),
    isOrganization: false,
    language: persona.language,
  };
}

export function liveConversationSeed(personaIndex: number): number {
  return LIVE_SEED_BASE + personaIndex;
}

/** The recent history of a live conversation, up to the anchor; live.ts adds what comes after. */
export function buildLivePersonaConversation(personaIndex: number, lastMsBeforeAnchor: number, random: SeededRandom): DemoConversation {
  const persona = LIVE_PERSONAS[personaIndex];
  if (persona === undefined) throw new Error(`No live persona #${personaIndex}`);
  const seed = liveConversationSeed(personaIndex);
  const gaps = persona.history.map((line, index) => replyGap(persona.history[index - 1]?.from === line.from, random));
  const times = layOutBeforeAnchor(gaps, lastMsBeforeAnchor);
  const messages: DemoMessage[] = persona.history.map((line, index) => ({
    fromMe: line.from === "me",
    text: fillTemplate(line.text, { me: DEMO_REP.firstName, first: persona.firstName }),
    type: line.type,
    msBeforeAnchor: times[index] ?? lastMsBeforeAnchor,
    entityUrn: messageUrn(seed, index),
  }));
  const last = messages.at(-1);
  const unread = last !== undefined && !last.fromMe ? 1 : 0;
  return {
    conversationId: conversationUrn(seed),
    participant: livePersonaPerson(persona),
    type: "normal",
    isConnection: persona.language !== "es",
    isStarred: STARRED_LIVE_SLUGS.has(persona.slug),
    unread,
    messages,
    seenMsBeforeAnchor: last === undefined ? undefined : Math.max(1, last.msBeforeAnchor - (last.fromMe ? 5 * MINUTE_MS : 0)),
    livePersonaIndex: personaIndex,
  };
}
