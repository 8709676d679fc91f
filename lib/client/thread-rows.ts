import type { Message } from "@/lib/contracts/api";
import { dayKey } from "@/lib/client/thread-times";
import type { ThreadItem } from "@/lib/client/merge-outbox";

/**
 * Each message's local day, worked out once per time zone: a thread of thousands is laid out again
 * per page, and a rep who travels with the tab open gets every day in the new zone.
 */
let localDays = { zone: "", days: new WeakMap<Message, string>() };

function localDayOf(): (message: Message) => string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone !== localDays.zone) localDays = { zone, days: new WeakMap() };
  const { days } = localDays;
  return (message) => {
    let day = days.get(message);
    if (day === undefined) days.set(message, (day = dayKey(message.sentAt)));
    return day;
  };
}

/** Consecutive messages from one side closer than this are grouped (tighter, one timestamp). */
const GROUP_GAP_MS = 5 * 60_000;

export type Side = "mine" | "theirs";

export function sideOf(message: Message): Side {
  return message.fromMe === true ? "mine" : "theirs";
}

/** One row of the thread's list: a day's label, or a message with its place in a group. */
export type ThreadRow =
  | { kind: "day"; key: string; sentAt: number }
  | { kind: "item"; key: string; item: ThreadItem; groupStart: boolean; groupEnd: boolean };

/**
 * The thread as its list shows it, oldest first: each local calendar day opens with its label,
 * and consecutive messages from one person close in time form a group. `items` is newest first.
 *
 * The oldest loaded day's label is not a row: it is `firstDay`, shown above the list in a box of
 * fixed height. When an older page of that same day lands, its label would otherwise move above
 * the new messages, and a list that keeps the reader's place by the key of the row at the top of
 * the viewport (at the top of the list, that label) would lose it. Every other row keeps its key
 * (a message's id, a day's date) and its place among the others when pages land.
 *
 * Days are the browser's local ones (`dayOf`); the server, which does not know the rep's time zone,
 * passes one day for everything (no day rows; groups split by sender and time only).
 */
export function threadRows(items: readonly ThreadItem[], dayOf: (message: Message) => string = localDayOf()): { firstDay: number | null; rows: ThreadRow[] } {
  const rows: ThreadRow[] = [];
  let older: Message | undefined;
  let olderDay = "";
  let day = items.length > 0 ? dayOf(items[items.length - 1]!.message) : "";
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    const { message } = item;
    const newDay = older === undefined || day !== olderDay;
    if (newDay && older !== undefined) rows.push({ kind: "day", key: `day:${day}`, sentAt: message.sentAt });
    const newer = items[i - 1]?.message;
    const newerDay = newer === undefined ? "" : dayOf(newer);
    rows.push({
      kind: "item",
      key: message.id,
      item,
      groupStart: newDay || !sameGroup(older!, message),
      groupEnd: newer === undefined || newerDay !== day || !sameGroup(message, newer),
    });
    older = message;
    olderDay = day;
    day = newerDay;
  }
  const oldest = items[items.length - 1];
  return { firstDay: oldest ? oldest.message.sentAt : null, rows };
}

/** Whether more than one person other than the rep wrote in the thread (their names are shown then). */
export function isMultiParty(messages: readonly Message[]): boolean {
  return new Set(messages.filter((m) => m.fromMe !== true).map((m) => m.sender.name)).size > 1;
}

/** A message shows its sender's name when we cannot tell who wrote it, or when several people write. */
export function showsSenderName(message: Message, multiParty: boolean): boolean {
  return message.fromMe === null || (message.fromMe === false && multiParty);
}

/** Close in time either way: a reply waiting in the outbox keeps its place after one sent later. */
function sameGroup(a: Message, b: Message): boolean {
  return sideOf(a) === sideOf(b) && a.sender.name === b.sender.name && Math.abs(b.sentAt - a.sentAt) < GROUP_GAP_MS && a.type !== "invitation" && b.type !== "invitation";
}
