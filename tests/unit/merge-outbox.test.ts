import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/contracts/api";
import { compareMessagesNewestFirst } from "@/lib/client/merge-messages";
import {
  couldBeReply,
  KEEP_MATCHED_MS,
  MATCH_AFTER_MS,
  MATCH_BEFORE_MS,
  matchOutbox,
  mergeOutbox,
  normalizedText,
  OUTBOX_ID_PREFIX,
  settledEntries,
} from "@/lib/client/merge-outbox";
import { OUTBOX_STATES, type OutboxEntry, type OutboxState } from "@/lib/client/outbox-entry";

const T = 1_764_000_000_000;

function msg(id: string, sentAt: number, text: string, fromMe: boolean | null = true): Message {
  return { id, text, sentAt, sender: { name: fromMe === false ? "Ada" : "Riley" }, fromMe, type: "text", attachments: [], reactions: [] };
}

function entry(clientId: string, text: string, createdAt: number, state: OutboxState = "sending", extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return { accountId: "acc", conversationId: "conv", clientId, text, createdAt, state, stateSince: createdAt, mayBeDelivered: state !== "queued" && state !== "failed", ...extra };
}

const newestFirst = (list: Message[]) => [...list].sort(compareMessagesNewestFirst);
const shownIds = (messages: Message[], entries: OutboxEntry[]) => mergeOutbox(messages, entries).map((item) => item.message.id);

describe("mergeOutbox", () => {
  it("shows a reply not in the thread yet at the bottom, as the rep's, never before the newest message", () => {
    const thread = newestFirst([msg("m1", T - 60_000, "Hello", false), msg("m2", T + 5_000, "Are you there?", false)]);
    const items = mergeOutbox(thread, [entry("c1", "Yes!", T)]);
    expect(items.map((item) => item.message.id)).toEqual([`${OUTBOX_ID_PREFIX}c1`, "m2", "m1"]);
    const [reply] = items;
    expect(reply?.kind).toBe("outbox");
    expect(reply?.message).toMatchObject({ text: "Yes!", fromMe: true, sentAt: T + 5_000, type: "text" });
  });

  it("takes the rep's name from their messages in the thread, and carries the subject", () => {
    const thread = [msg("m1", T - 1_000, "Earlier", true)];
    const [reply] = mergeOutbox(thread, [entry("c1", "Hi", T, "sending", { subject: "Re: pricing" })]);
    expect(reply?.message.sender.name).toBe("Riley");
    expect(reply?.message.subject).toBe("Re: pricing");
    expect(mergeOutbox([], [entry("c1", "Hi", T)])[0]?.message.sender.name).toBe("You");
  });

  it("hides a reply once the thread has the message its send named", () => {
    const sent = msg("li-9", T + 1_000, "Something else entirely");
    const e = entry("c1", "Sounds good", T, "sent", { message: sent });
    expect(shownIds([sent], [e])).toEqual(["li-9"]);
  });

  it("hides a reply once the thread has the rep's message with its words, whitespace aside", () => {
    const thread = [msg("m1", T + 2_000, "see you\n  soon ")];
    expect(shownIds(thread, [entry("c1", "see you soon", T, "unconfirmed")])).toEqual(["m1"]);
    // A provider that cannot tell who wrote it (fromMe null) still counts.
    expect(shownIds([msg("m1", T + 2_000, "see you soon", null)], [entry("c1", "see you soon", T)])).toEqual(["m1"]);
  });

  it("does not take the other person's message with the same words, nor one outside the window", () => {
    const theirs = msg("m1", T + 1_000, "ok", false);
    const tooEarly = msg("m2", T - MATCH_BEFORE_MS - 1, "ok");
    const tooLate = msg("m3", T + MATCH_AFTER_MS + 1, "ok");
    const thread = newestFirst([theirs, tooEarly, tooLate]);
    expect(shownIds(thread, [entry("c1", "ok", T)])).toEqual([`${OUTBOX_ID_PREFIX}c1`, "m3", "m1", "m2"]);
  });

  it("shows the same words sent twice twice: each message matches one reply", () => {
    const first = entry("c1", "ok", T);
    const second = entry("c2", "ok", T + 3_000);
    const one = [msg("m1", T + 500, "ok")];
    expect(shownIds(one, [first, second])).toEqual([`${OUTBOX_ID_PREFIX}c2`, "m1"]);
    const both = newestFirst([msg("m1", T + 500, "ok"), msg("m2", T + 3_500, "ok")]);
    expect(shownIds(both, [second, first])).toEqual(["m2", "m1"]);
  });

  it("never hides a reply that did not leave the browser, or was refused, behind an earlier identical message", () => {
    const earlier = [msg("m1", T - 10_000, "ok")];
    expect(shownIds(earlier, [entry("c1", "ok", T, "queued")])).toEqual([`${OUTBOX_ID_PREFIX}c1`, "m1"]);
    expect(shownIds(earlier, [entry("c1", "ok", T, "failed")])).toEqual([`${OUTBOX_ID_PREFIX}c1`, "m1"]);
    // Once a request may have reached the provider, its words in the thread are this reply.
    expect(shownIds(earlier, [entry("c1", "ok", T, "queued", { mayBeDelivered: true })])).toEqual(["m1"]);
  });

  it("orders several waiting replies by when they were written", () => {
    const entries = [entry("b", "two", T + 1), entry("a", "one", T), entry("c", "three", T + 1)];
    expect(shownIds([], entries)).toEqual([`${OUTBOX_ID_PREFIX}c`, `${OUTBOX_ID_PREFIX}b`, `${OUTBOX_ID_PREFIX}a`]);
  });
});

describe("settledEntries", () => {
  const delivered = msg("m1", T, "ok");

  it("forgets a matched reply only once no new reply's window reaches its message", () => {
    const e = entry("c1", "ok", T, "sent");
    const matches = matchOutbox([delivered], [e]);
    expect(settledEntries([e], matches, T + KEEP_MATCHED_MS)).toEqual([]);
    expect(settledEntries([e], matches, T + KEEP_MATCHED_MS + 1)).toEqual(["c1"]);
  });

  it("keeps it while another waiting reply could take its message, or while its send is still running", () => {
    const taken = entry("c1", "ok", T, "unconfirmed");
    const other = entry("c2", "ok", T + 1_000, "sending");
    const matches = matchOutbox([delivered], [taken, other]);
    expect(matches.get("c1")?.id).toBe("m1");
    expect(settledEntries([taken, other], matches, T + 10 * KEEP_MATCHED_MS)).toEqual([]);
    const pending = entry("c3", "ok", T, "pending");
    expect(settledEntries([pending], matchOutbox([delivered], [pending]), T + 10 * KEEP_MATCHED_MS)).toEqual([]);
  });
});

describe("mergeOutbox — property", () => {
  const TEXTS = ["ok", "Ok", "thanks!", "see you\nsoon", "see you soon", "Let's talk Tuesday"];
  const MINUTE = 60_000;

  /** A reply, whether the thread has it (its delivery, somewhere in its window), and how it was said. */
  const replyArb = fc.record({
    text: fc.constantFrom(...TEXTS),
    createdAt: fc.integer({ min: 0, max: 30 * MINUTE }),
    state: fc.constantFrom(...OUTBOX_STATES),
    mayBeDelivered: fc.boolean(),
    delivered: fc.boolean(),
    deliveryOffset: fc.integer({ min: -MATCH_BEFORE_MS, max: MATCH_AFTER_MS }),
    deliveryFromMe: fc.constantFrom(true, null),
    named: fc.boolean(),
  });
  const noiseArb = fc.record({
    text: fc.constantFrom(...TEXTS),
    sentAt: fc.integer({ min: -MINUTE, max: 45 * MINUTE }),
    fromMe: fc.constantFrom(true, false, null),
  });

  const scenarioArb = fc.record({ replies: fc.array(replyArb, { maxLength: 12 }), noise: fc.array(noiseArb, { maxLength: 12 }), seed: fc.integer() }).map(({ replies, noise, seed }) => {
    const entries: OutboxEntry[] = [];
    const deliveries = new Map<string, Message>();
    replies.forEach((r, i) => {
      const clientId = `c${String(i).padStart(2, "0")}`;
      const mayBeDelivered = r.mayBeDelivered || (r.state !== "queued" && r.state !== "failed");
      const delivery = r.delivered && mayBeDelivered ? msg(`d${i}`, T + r.createdAt + r.deliveryOffset, r.text.replace(" ", "  "), r.deliveryFromMe) : undefined;
      if (delivery) deliveries.set(clientId, delivery);
      // A send that named its message was answered, so it may be delivered.
      const named = delivery && r.named ? { message: { ...delivery, text: "as the provider echoed it" }, mayBeDelivered: true } : {};
      entries.push(entry(clientId, r.text, T + r.createdAt, r.state, { mayBeDelivered: r.mayBeDelivered, ...named }));
    });
    const messages = newestFirst([...deliveries.values(), ...noise.map((n, i) => msg(`n${i}`, T + n.sentAt, n.text, n.fromMe))]);
    // The entries in some other order: the merge must not depend on it.
    const shuffled = [...entries].sort((a, b) => ((a.clientId.charCodeAt(2) * 31 + seed) % 7) - ((b.clientId.charCodeAt(2) * 31 + seed) % 7));
    return { entries, shuffled, messages, deliveries };
  });

  it("nothing lost, nothing doubled, order stable; a reply hides only behind a message that can be it; delivered replies hide", () => {
    fc.assert(
      fc.property(scenarioArb, ({ entries, shuffled, messages, deliveries }) => {
        const matches = matchOutbox(messages, entries);
        const items = mergeOutbox(messages, entries, matches);

        // Every thread message exactly once, in the thread's own order, after the waiting replies.
        const threadPart = items.filter((item) => item.kind === "message").map((item) => item.message.id);
        expect(threadPart).toEqual(messages.map((m) => m.id));
        const firstMessage = items.findIndex((item) => item.kind === "message");
        if (firstMessage >= 0) expect(items.slice(firstMessage).every((item) => item.kind === "message")).toBe(true);

        // Every reply exactly once: shown, or matched to a message of its own.
        const shownReplies = items.flatMap((item) => (item.kind === "outbox" ? [item.entry.clientId] : []));
        expect(new Set(shownReplies).size).toBe(shownReplies.length);
        for (const e of entries) expect(shownReplies.includes(e.clientId)).toBe(!matches.has(e.clientId));
        const taken = [...matches.values()].map((m) => m.id);
        expect(new Set(taken).size).toBe(taken.length);
        for (const e of entries) {
          const match = matches.get(e.clientId);
          if (match) expect(match.id === e.message?.id || couldBeReply(e, match)).toBe(true);
        }

        // Waiting replies newest first.
        const createdAts = items.flatMap((item) => (item.kind === "outbox" ? [item.entry.createdAt] : []));
        expect(createdAts).toEqual([...createdAts].sort((a, b) => b - a));

        // Where the thread has as many of the rep's messages with some words as replies with them
        // that may have left, none of those replies still shows (which one took which is no matter).
        for (const words of new Set(entries.map((e) => normalizedText(e.text)))) {
          const same = entries.filter((e) => normalizedText(e.text) === words);
          const hidden = same.filter((e) => matches.has(e.clientId)).length;
          expect(hidden).toBeGreaterThanOrEqual(same.filter((e) => deliveries.has(e.clientId)).length);
        }
        // A reply that cannot be in the thread always shows.
        for (const e of entries) if (!e.mayBeDelivered && (e.state === "queued" || e.state === "failed")) expect(shownReplies).toContain(e.clientId);

        // The same whatever order the outbox lists its replies in.
        expect(mergeOutbox(messages, shuffled).map((item) => item.message.id)).toEqual(items.map((item) => item.message.id));
      }),
      { numRuns: 500, seed: 10 },
    );
  });

  it("normalizes whitespace only", () => {
    expect(normalizedText("  a\n\tb  c ")).toBe("a b c");
    expect(normalizedText("Ok")).not.toBe(normalizedText("ok"));
  });
});
