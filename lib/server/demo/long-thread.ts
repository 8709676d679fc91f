import "server-only";
import { DEMO_REP } from "@/lib/server/demo/account";
import {
  LONG_THREAD_CLOSING,
  LONG_THREAD_COLLEAGUES,
  LONG_THREAD_PHASES,
  LONG_THREAD_RECAPS,
  LONG_THREAD_REGIONS,
  LONG_THREAD_SHARED_POSTS,
} from "@/lib/server/demo/content/long-thread-lines";
import { conversationUrn, messageUrn } from "@/lib/server/demo/ids";
import type { DemoConversation, DemoMessage, DemoPerson } from "@/lib/server/demo/model";
import { memberProfileUrl } from "@/lib/server/demo/people";
import { createSeededRandom, type SeededRandom } from "@/lib/server/demo/random";
import { fillTemplate, type TemplateVariables } from "@/lib/server/demo/templates";
import { HOUR_MS, layOutBeforeAnchor, logUniform, MINUTE_MS, SECOND_MS } from "@/lib/server/demo/timeline";

export const LONG_THREAD_MESSAGE_COUNT = 10_000;
const LONG_THREAD_SEED = 7;

export const LONG_THREAD_PARTICIPANT: DemoPerson = {
  firstName: "Evelyn",
  lastName: "Hartmann",
  displayName: "Evelyn Hartmann",
  headline: "VP Revenue Operations at Meridian Freight · Your biggest rollout 🚚",
  company: "Meridian Freight",
  profileUrl: memberProfileUrl("evelyn-hartmann-meridian"),
  isOrganization: false,
  language: "en",
};

type LongThreadLine = { fromMe: boolean; text: string; type: DemoMessage["type"] };

const OPENING: readonly LongThreadLine[] = [
  { fromMe: true, type: "INVITATION", text: "Hi Evelyn, great meeting you at the Logistics Tech Summit — let's stay in touch!" },
  { fromMe: false, type: "TEXT", text: "Hi Jordan! Likewise. And yes, let's talk about that forecasting problem 😅" },
];
const CLOSING: readonly LongThreadLine[] = LONG_THREAD_CLOSING.map((line) => ({ ...line, type: "TEXT" }));

/** Burst-y gaps: mostly minutes apart during a working session, sometimes hours, now and then days. */
function gap(random: SeededRandom): number {
  const roll = random.next();
  if (roll < 0.7) return logUniform(random, 20 * SECOND_MS, 25 * MINUTE_MS);
  if (roll < 0.95) return logUniform(random, HOUR_MS, 8 * HOUR_MS);
  return logUniform(random, 14 * HOUR_MS, 72 * HOUR_MS);
}

function lineVariables(random: SeededRandom): TemplateVariables {
  return {
    me: DEMO_REP.firstName,
    first: LONG_THREAD_PARTICIPANT.firstName,
    product: DEMO_REP.product,
    day: random.pick(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
    time: random.pick(["9:00", "10:30", "13:00", "15:00", "16:30"]),
    n: String(random.int(2, 9)),
    pct: String(random.int(55, 97)),
    region: random.pick(LONG_THREAD_REGIONS),
    colleague: random.pick(LONG_THREAD_COLLEAGUES),
    week: String(random.int(2, 40)),
  };
}

/** The phase the thread is in after `progress` (0..1) of its middle. */
function phaseAt(progress: number): (typeof LONG_THREAD_PHASES)[number] {
  let reached = 0;
  for (const phase of LONG_THREAD_PHASES) {
    reached += phase.share;
    if (progress < reached) return phase;
  }
  const last = LONG_THREAD_PHASES.at(-1);
  if (last === undefined) throw new Error("No long-thread phases");
  return last;
}

/** The middle of the thread: runs of one to three messages per side, following the rollout's phases. */
function middleLines(count: number, random: SeededRandom): LongThreadLine[] {
  const lines: LongThreadLine[] = [];
  let fromMe = true;
  while (lines.length < count) {
    const runLength = random.weighted([[1, 60], [2, 28], [3, 12]] as const);
    for (let inRun = 0; inRun < runLength && lines.length < count; inRun += 1) {
      const phase = phaseAt(lines.length / count);
      const variables = lineVariables(random);
      const roll = random.next();
      if (roll < 0.006) {
        lines.push({ fromMe, type: "SHARED_POST", text: random.pick(LONG_THREAD_SHARED_POSTS) });
      } else if (roll < 0.016) {
        lines.push({ fromMe, type: "TEXT", text: fillTemplate(random.pick(LONG_THREAD_RECAPS), variables) });
      } else {
        const pool = fromMe ? phase.fromMe : phase.fromThem;
        lines.push({ fromMe, type: "TEXT", text: fillTemplate(random.pick(pool), variables) });
      }
    }
    fromMe = !fromMe;
  }
  return lines;
}

/** A months-long enterprise rollout with one champion: 2,000+ messages, the most recent activity in the history. */
export function buildLongThread(lastMsBeforeAnchor: number): DemoConversation {
  const random = createSeededRandom(0x10a6);
  const middleCount = LONG_THREAD_MESSAGE_COUNT - OPENING.length - CLOSING.length;
  const lines = [...OPENING, ...middleLines(middleCount, random), ...CLOSING];
  const times = layOutBeforeAnchor(lines.map(() => gap(random)), lastMsBeforeAnchor);
  const messages: DemoMessage[] = lines.map((line, index) => ({
    ...line,
    msBeforeAnchor: times[index] ?? lastMsBeforeAnchor,
    entityUrn: messageUrn(LONG_THREAD_SEED, index),
  }));
  return {
    conversationId: conversationUrn(LONG_THREAD_SEED),
    participant: LONG_THREAD_PARTICIPANT,
    type: "normal",
    isConnection: true,
    isStarred: true,
    unread: 1,
    messages,
    seenMsBeforeAnchor: lastMsBeforeAnchor,
  };
}
