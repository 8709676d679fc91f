import "server-only";
import { LOCAL_STORIES } from "@/lib/server/demo/content/local-stories";
import { FOLLOW_UP_STORIES, OPENING_STORIES } from "@/lib/server/demo/content/sales-stories";
import type { Story, StoryLine } from "@/lib/server/demo/content/story";
import { conversationUrn, messageUrn } from "@/lib/server/demo/ids";
import type { DemoConversation, DemoMessage, DemoPerson } from "@/lib/server/demo/model";
import type { SeededRandom } from "@/lib/server/demo/random";
import { conversationVariables, fillTemplate } from "@/lib/server/demo/templates";
import { chapterGap, HOUR_MS, layOutBeforeAnchor, logUniform, MINUTE_MS, replyGap, SECOND_MS } from "@/lib/server/demo/timeline";

const NON_LATIN_LANGUAGES = new Set(["ja", "ar", "ru", "hi", "zh", "ko"]);

export type RegularConversationInput = {
  seed: number;
  person: DemoPerson;
  lastMsBeforeAnchor: number;
  /** 0 for the most recent conversation, towards 1 for the oldest: recent ones are more often unread. */
  recency: number;
  random: SeededRandom;
};

/** Where the story stops: stories with `minLines` are sometimes left unanswered part-way. */
function linesToTell(story: Story, random: SeededRandom): readonly StoryLine[] {
  if (story.minLines === undefined || random.chance(0.5)) return story.lines;
  return story.lines.slice(0, random.int(story.minLines, story.lines.length));
}

function openingStory(person: DemoPerson, random: SeededRandom): Story {
  const local = LOCAL_STORIES[person.language];
  const localShare = NON_LATIN_LANGUAGES.has(person.language) ? 0.65 : 0.35;
  if (local !== undefined && random.chance(localShare)) return random.pick(local);
  return random.pick(OPENING_STORIES);
}

/** The chapters of one relationship, oldest first, as lines with the gap before each. */
function tellRelationship(person: DemoPerson, random: SeededRandom): { story: Story; lines: { line: StoryLine; gap: number }[] } {
  const opening = openingStory(person, random);
  const openingLines = linesToTell(opening, random);
  const told = openingLines.map((line, index) => ({
    line,
    gap: replyGap(index > 0 && openingLines[index - 1]?.from === line.from, random),
  }));
  const openingFinished = openingLines.length === opening.lines.length;
  const followUps = opening.conversationType === "normal" && openingFinished ? random.weighted([[0, 55], [1, 25], [2, 12], [3, 8]] as const) : 0;
  const used = new Set<Story>();
  for (let chapter = 0; chapter < followUps; chapter += 1) {
    const story = random.pick(FOLLOW_UP_STORIES);
    if (used.has(story)) continue;
    used.add(story);
    linesToTell(story, random).forEach((line, index, lines) => {
      const sameSender = index > 0 && lines[index - 1]?.from === line.from;
      told.push({ line, gap: index === 0 ? chapterGap(random) : replyGap(sameSender, random) });
    });
  }
  return { story: opening, lines: told };
}

function trailingFromThem(messages: readonly DemoMessage[]): number {
  let count = 0;
  for (let index = messages.length - 1; index >= 0 && messages[index]?.fromMe === false; index -= 1) count += 1;
  return count;
}

function unreadProbability(recency: number): number {
  if (recency < 0.1) return 0.6;
  if (recency < 0.3) return 0.25;
  return 0.05;
}

export function buildRegularConversation(input: RegularConversationInput): DemoConversation {
  const { seed, person, lastMsBeforeAnchor, recency, random } = input;
  const variables = conversationVariables(person, random);
  const { story, lines } = tellRelationship(person, random);
  const times = layOutBeforeAnchor(lines.map((told) => told.gap), lastMsBeforeAnchor + random.int(0, 999));
  const messages: DemoMessage[] = lines.map(({ line }, index) => ({
    fromMe: line.from === "me",
    text: fillTemplate(line.text, variables),
    type: line.type,
    msBeforeAnchor: times[index] ?? lastMsBeforeAnchor,
    entityUrn: messageUrn(seed, index),
  }));

  const first = messages[0];
  const last = messages.at(-1);
  const pendingInvitation = messages.length === 1 && first?.type === "INVITATION";
  const trailing = trailingFromThem(messages);
  const lastFromThem = [...messages].reverse().find((message) => !message.fromMe);
  const seenAfterMyLastMessage =
    last !== undefined && last.fromMe && random.chance(0.55)
      ? Math.max(SECOND_MS, last.msBeforeAnchor - logUniform(random, MINUTE_MS, 6 * HOUR_MS))
      : undefined;

  return {
    conversationId: conversationUrn(seed),
    participant: person,
    type: story.conversationType,
    isConnection: story.conversationType === "normal" && !pendingInvitation && random.chance(0.92),
    isStarred: random.chance(0.08),
    unread: trailing > 0 && random.chance(unreadProbability(recency)) ? trailing : 0,
    messages,
    seenMsBeforeAnchor: seenAfterMyLastMessage ?? lastFromThem?.msBeforeAnchor,
  };
}
