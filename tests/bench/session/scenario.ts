/**
 * The scripted 30-minute session of issue 13, on a compressed clock: a rep has the inbox and one
 * thread open on a Linkup v2 account. They use the page for the first 10 minutes (a touch or a
 * scroll every 20 s, and a reply typed for 30 s without sending it), then leave it alone; the tab is
 * hidden from minute 20 to 25 (another app in front), then shown again, which the browser reports
 * as a focus, and left alone. 40 messages arrive in bursts across five conversations, 21 of them in
 * the open thread, one conversation starting below the inbox's first page, some while hidden.
 * The fixture inbox's newest message is 25 minutes old when the session starts.
 */
export const MINUTE = 60_000;
export const SESSION_MS = 30 * MINUTE;
/** The rep uses the page until then. */
export const ACTIVE_UNTIL_MS = 10 * MINUTE;
export const HIDDEN_FROM_MS = 20 * MINUTE;
export const HIDDEN_UNTIL_MS = 25 * MINUTE;
/** A Monday morning: the fixed start of the fake clock, so a run is repeatable (repetitions start a day later each). */
export const SESSION_START = Date.UTC(2026, 0, 12, 9, 0, 0);
export const NEWEST_BEFORE_START_MS = 25 * MINUTE;
export const INTERACTION_EVERY_MS = 20_000;
/** The rep types a reply (noteTyping every 2 s) for 30 s from here, and does not send it. */
export const TYPING_FROM_MS = 4 * MINUTE;
export const TYPING_FOR_MS = 30_000;

/** Fixture conversations by position in the inbox at the start (0 is the open thread, Lena Longthread's). */
export const OPEN_THREAD = 0;
const C4 = 4;
const C9 = 9;
/** Below the first page of 20: a message brings it to the top. */
const C25 = 25;
const C40 = 40;

/** [minute:second, conversation] */
const ARRIVALS: ReadonlyArray<readonly [string, number]> = [
  // Active (0–10 min): 18
  ["1:10", OPEN_THREAD], ["1:35", OPEN_THREAD], ["2:15", OPEN_THREAD], ["2:30", OPEN_THREAD],
  ["3:40", C4], ["4:10", C4], ["5:00", C4],
  ["5:45", OPEN_THREAD], ["6:05", OPEN_THREAD],
  ["6:20", C9], ["6:50", C9],
  ["7:30", C25], ["7:45", C25],
  ["8:40", OPEN_THREAD], ["9:00", OPEN_THREAD], ["9:20", OPEN_THREAD], ["9:45", OPEN_THREAD],
  ["9:50", C4],
  // Idle (10–20 min): 14
  ["12:30", OPEN_THREAD], ["12:50", OPEN_THREAD], ["13:40", OPEN_THREAD],
  ["14:10", C9], ["14:20", C9], ["15:05", C9],
  ["16:30", C40], ["16:45", C40],
  ["17:20", OPEN_THREAD], ["17:50", OPEN_THREAD], ["18:10", OPEN_THREAD], ["18:40", OPEN_THREAD],
  ["19:15", C4], ["19:30", C4],
  // Hidden (20–25 min): 4
  ["21:10", OPEN_THREAD], ["21:40", OPEN_THREAD], ["22:30", C9], ["23:50", C25],
  // Shown again, left alone (25–30 min): 4
  ["26:40", OPEN_THREAD], ["27:00", OPEN_THREAD], ["28:15", C40], ["29:10", C4],
];

export type Arrival = { atMs: number; conversation: number; text: string };

/** Each session of a run starts a day after the previous one, its messages this much later. */
export const REPEAT_SHIFT_MS = 1_300;
export const DAY_MS = 24 * 60 * MINUTE;

/**
 * The arrivals of the `repetition`-th session: on irregular seconds (each moved on by up to 4 s,
 * so none falls on a poller's grid), all shifted by REPEAT_SHIFT_MS per repetition, so repeated
 * sessions sample different phases of the pollers.
 */
export function arrivalsOf(repetition: number): Arrival[] {
  return ARRIVALS.map(([at, conversation], index) => {
    const [minutes = "0", seconds = "0"] = at.split(":");
    const atMs = (Number(minutes) * 60 + Number(seconds)) * 1000 + ((index * 2_741) % 4_000) + repetition * REPEAT_SHIFT_MS;
    return { atMs, conversation, text: `Session message ${index + 1} of ${ARRIVALS.length}` };
  });
}

export type Phase = "active" | "idle" | "hidden";

/** What the rep was doing when a message arrived, as the targets split it. */
export function phaseAt(atMs: number): Phase {
  if (atMs >= HIDDEN_FROM_MS && atMs < HIDDEN_UNTIL_MS) return "hidden";
  return atMs < ACTIVE_UNTIL_MS ? "active" : "idle";
}

export function isHiddenAt(atMs: number): boolean {
  return phaseAt(atMs) === "hidden";
}

/** When the rep touches the page (noteInteraction): every INTERACTION_EVERY_MS while active, and on coming back to the tab. */
export function interactionTimes(): number[] {
  const times: number[] = [];
  for (let at = 0; at < ACTIVE_UNTIL_MS; at += INTERACTION_EVERY_MS) times.push(at);
  return times;
}

export function typingTimes(): number[] {
  const times: number[] = [];
  for (let at = TYPING_FROM_MS; at < TYPING_FROM_MS + TYPING_FOR_MS; at += 2_000) times.push(at);
  return times;
}
