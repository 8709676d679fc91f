/**
 * Issue 13, "freshness bought cheaply" for pushed accounts (ConnectSafely and Linked API with
 * webhooks): a new message is visible ≤ 3 s after it arrives, with no polling of the provider; a
 * forged, a stale or a replayed delivery is refused and stores nothing. On a real server, the fake
 * upstream plays the provider delivering webhooks (tests/fake-upstream/webhooks.ts); a simulated
 * client does what the browser does for a pushed account with a thread open: it asks our
 * /changes every `paceDelayMs(PACE_MS.live.changes, …)` (our database only), and when a change
 * names its open thread with news, reads the thread's `since` (askOpenThreads in
 * lib/client/queries.ts). The provider's calls are counted by the fake itself.
 */
import { randomUUID } from "node:crypto";
import { changesResponseSchema, conversationsPageSchema, messagesPageSchema, peopleResponseSchema, personResponseSchema, webhookAnswerSchema, type Message } from "@/lib/contracts/api";
import { changesUrl, conversationsUrl, messagesUrl, peopleUrl } from "@/lib/client/api-urls";
import { PACE_MS, paceDelayMs } from "@/lib/client/poll-pace";
import { BENCH_ACCOUNTS, callsBetween, deliveredSchema, LENA_PROFILE_URL, parseAnswer, sleep, withRealServer, type Delivered, type RealServer } from "./real-server";
import { percentile, round } from "./stats";

const DELIVERIES = 10;
/** The quiet stretch before any delivery: the client polls /changes, the provider must hear nothing. */
const QUIET_MS = 20_000;
const TARGET_S = 3;
/** How far /changes reaches back before `since` (SINCE_OVERLAP_MS in lib/server/since-window.ts), plus a margin. */
const CHANGES_OVERLAP_MS = 5_000;
const VISIBLE_TIMEOUT_MS = 15_000;

type Provider = "connectsafely" | "linkedapi";

export type PushedRow = {
  provider: string;
  deliveries: number;
  p50S: number | null;
  p95S: number | null;
  maxS: number | null;
  providerCallsWhileWaiting: number;
  providerCallsTotal: number;
  /** Provider calls while the forged and stale deliveries were refused (a refusal must cost nothing). */
  providerCallsRefused: number;
  shownOnce: boolean;
  forged: string;
  stale: string;
  replayed: string;
  non2xx: number;
};
export type PushedResult = { rows: PushedRow[]; verdict: { p95MaxS: number | null; target: number; met: boolean; refusedAll: boolean } };

/**
 * The browser's side for one pushed account with one thread open: the changes poller and the
 * thread's history (merged by message id, as the client's merge does). Runs until stopped.
 */
class PushedClient {
  /** Held messages by id: a message is "shown" once per id. */
  readonly held = new Map<string, Message>();
  /** When each message (by text) first became visible to this client (Date.now()). */
  readonly seenAt = new Map<string, number>();
  requests = 0;
  non2xx = 0;
  private since = 0;
  private newest = 0;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly server: RealServer,
    private readonly accountId: string,
    private readonly conversationId: string,
    private readonly seed: number,
  ) {}

  /** Opens the thread (its newest page) and takes the server's clock as where /changes starts. */
  async open(): Promise<void> {
    const page = parseAnswer(messagesPageSchema, await this.server.get(messagesUrl(this.accountId, this.conversationId, { limit: 30 })), "open thread");
    this.merge(page.messages);
    this.since = parseAnswer(changesResponseSchema, await this.server.get(changesUrl(this.accountId, Date.now())), "first changes").checkedAt;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private merge(messages: readonly Message[]): void {
    for (const message of messages) {
      if (!this.held.has(message.id)) {
        this.held.set(message.id, message);
        if (!this.seenAt.has(message.text)) this.seenAt.set(message.text, Date.now());
      }
      this.newest = Math.max(this.newest, message.sentAt);
    }
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      await sleep(paceDelayMs(PACE_MS.live.changes, Date.now() + this.seed));
      if (this.stopped) return;
      const answer = await this.server.get(changesUrl(this.accountId, this.since));
      this.requests++;
      if (answer.status !== 200) {
        this.non2xx++;
        continue;
      }
      const changes = changesResponseSchema.parse(answer.body);
      this.since = changes.checkedAt;
      // Only news newer than what the thread holds prompts a provider read (overlapping answers repeat old ones).
      if (!changes.changes.some((change) => change.conversationId === this.conversationId && change.sentAt > this.newest)) continue;
      const read = await this.server.get(messagesUrl(this.accountId, this.conversationId, { since: this.newest }));
      this.requests++;
      if (read.status !== 200) {
        this.non2xx++;
        continue;
      }
      this.merge(messagesPageSchema.parse(read.body).messages);
    }
  }

  /** How many distinct held messages carry this text (1 = shown once). */
  countOf(text: string): number {
    return [...this.held.values()].filter((message) => message.text === text).length;
  }
}

/** The open conversation for each provider: a ConnectSafely inbox row; on Linked API, a person added and synchronized. */
async function openConversation(server: RealServer, provider: Provider): Promise<string> {
  if (provider === "connectsafely") {
    const inbox = parseAnswer(conversationsPageSchema, await server.get(conversationsUrl(BENCH_ACCOUNTS.connectSafely, { category: "INBOX", limit: 10 })), "ConnectSafely inbox");
    const id = inbox.conversations[2]?.id;
    if (id === undefined) throw new Error("the ConnectSafely inbox is too short");
    return id;
  }
  const added = await server.post(peopleUrl(BENCH_ACCOUNTS.linkedApi), { profileUrl: LENA_PROFILE_URL });
  if (added.status !== 201) throw new Error(`Linked API add person: ${added.status} ${JSON.stringify(added.body)}`);
  const person = personResponseSchema.parse(added.body).person;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { people } = parseAnswer(peopleResponseSchema, await server.get(peopleUrl(BENCH_ACCOUNTS.linkedApi)), "Linked API people");
    const state = people.find((p) => p.id === person.id)?.state;
    if (state === "ready") return person.id;
    if (state !== "syncing") throw new Error(`Linked API person sync ended ${String(state)}`);
    await sleep(500);
  }
  throw new Error("Linked API person did not synchronize");
}

async function deliver(server: RealServer, provider: Provider, conversationId: string, text: string, extra: { tamper?: "signature" | "stale"; repeat?: number } = {}): Promise<Delivered> {
  const common = { appUrl: server.appUrl, text, ...extra };
  const body =
    provider === "connectsafely"
      ? { provider, accountId: BENCH_ACCOUNTS.connectSafely, secret: server.secrets.connectSafelyWebhookSecret, conversationId, ...common }
      : { provider, accountId: BENCH_ACCOUNTS.linkedApi, secret: server.secrets.linkedApiWebhookSecret, personUrl: LENA_PROFILE_URL, ...common };
  return deliveredSchema.parse(await server.control("/webhooks/deliver", body));
}

/** "401 ×1" style: each status the app answered the delivery's POSTs, with how often. */
function statusesOf(delivered: Delivered): string {
  const counts = new Map<number, number>();
  for (const answer of delivered.answers) counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${status}×${n}`).join(" ");
}

/** The conversations /changes names since `since` (our database's record of deliveries received from `since` − overlap). */
async function changedSince(server: RealServer, accountId: string, since: number): Promise<Array<{ conversationId: string; sentAt: number }>> {
  return parseAnswer(changesResponseSchema, await server.get(changesUrl(accountId, since)), "changes").changes;
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

async function benchProvider(server: RealServer, provider: Provider, seed: number): Promise<{ row: PushedRow; refused: boolean }> {
  const accountId = provider === "connectsafely" ? BENCH_ACCOUNTS.connectSafely : BENCH_ACCOUNTS.linkedApi;
  const conversationId = await openConversation(server, provider);
  const client = new PushedClient(server, accountId, conversationId, seed);
  await client.open();
  try {
    // Quiet: nothing arrives; the client's polling must cost the provider nothing.
    const quietBefore = await server.stats();
    await sleep(QUIET_MS);
    const quietAfter = await server.stats();
    const providerCallsWhileWaiting = callsBetween(quietBefore, quietAfter, provider);

    // Deliveries at irregular gaps; each timed from its arrival (just before the provider's POST) to the client holding it.
    const texts: string[] = [];
    const arrivedAt = new Map<string, number>();
    for (let n = 0; n < DELIVERIES; n++) {
      await sleep(2_000 + Math.random() * 3_000);
      const text = `bench push ${provider} ${n + 1} ${randomUUID()}`;
      texts.push(text);
      arrivedAt.set(text, Date.now());
      const delivered = await deliver(server, provider, conversationId, text);
      const stored = delivered.answers.map((answer) => (answer.status === 200 ? webhookAnswerSchema.parse(answer.body).stored : false));
      if (stored.join() !== "true") throw new Error(`${provider} delivery ${n + 1} was not stored: ${JSON.stringify(delivered.answers)}`);
    }
    await waitUntil(() => texts.every((text) => client.seenAt.has(text)), VISIBLE_TIMEOUT_MS);
    const runAfter = await server.stats();
    const providerCallsTotal = callsBetween(quietAfter, runAfter, provider);
    const seconds = texts.flatMap((text) => {
      const seen = client.seenAt.get(text);
      const arrived = arrivedAt.get(text);
      return seen === undefined || arrived === undefined ? [] : [(seen - arrived) / 1_000];
    });
    const shownOnce = texts.every((text) => client.countOf(text) === 1);

    // Forged and stale: wait out /changes' overlap so the last genuine delivery is outside the answer, then nothing may appear.
    await sleep(CHANGES_OVERLAP_MS + 1_000);
    const mark = parseAnswer(changesResponseSchema, await server.get(changesUrl(accountId, Date.now())), "changes").checkedAt;
    const heldBefore = client.held.size;
    const refusedBefore = await server.stats();
    const forged = await deliver(server, provider, conversationId, `bench forged ${randomUUID()}`, { tamper: "signature" });
    const stale = await deliver(server, provider, conversationId, `bench stale ${randomUUID()}`, { tamper: "stale" });
    const refusedTampered = [...forged.answers, ...stale.answers].every((answer) => answer.status >= 400);
    await sleep(PACE_MS.live.changes * 1.5);
    const storedTampered = (await changedSince(server, accountId, mark)).some((change) => change.conversationId === conversationId);
    const heldAfterTampered = client.held.size;
    const providerCallsRefused = callsBetween(refusedBefore, await server.stats(), provider);

    // Replayed: the very same delivery three times; stored once, one change, one message.
    const replayText = `bench replay ${provider} ${randomUUID()}`;
    const replay = await deliver(server, provider, conversationId, replayText, { repeat: 3 });
    const replayStored = replay.answers.map((answer) => (answer.status === 200 ? webhookAnswerSchema.parse(answer.body).stored : null));
    await waitUntil(() => client.seenAt.has(replayText), VISIBLE_TIMEOUT_MS);
    const replayChanges = (await changedSince(server, accountId, mark)).filter((change) => change.conversationId === conversationId);
    const replayOnce = replayStored.join() === "true,false,false" && replayChanges.length === 1 && client.countOf(replayText) === 1;
    const nothingFromTampered = !storedTampered && heldAfterTampered === heldBefore && providerCallsRefused === 0;

    const row: PushedRow = {
      provider: provider === "connectsafely" ? "ConnectSafely" : "Linked API",
      deliveries: DELIVERIES,
      p50S: roundOrNull(percentile(seconds, 50)),
      p95S: roundOrNull(percentile(seconds, 95)),
      maxS: roundOrNull(seconds.length === DELIVERIES ? Math.max(...seconds) : null),
      providerCallsWhileWaiting,
      providerCallsTotal,
      providerCallsRefused,
      shownOnce: shownOnce && seconds.length === DELIVERIES,
      forged: `${statusesOf(forged)}${storedTampered ? " STORED" : ""}`,
      stale: `${statusesOf(stale)}${storedTampered ? " STORED" : ""}`,
      replayed: `${statusesOf(replay)} stored ${replayStored.filter((s) => s === true).length}, changes ${replayChanges.length}, shown ${client.countOf(replayText)}`,
      non2xx: client.non2xx,
    };
    return { row, refused: refusedTampered && nothingFromTampered && replayOnce };
  } finally {
    await client.stop();
  }
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round(value, 3);
}

/**
 * ConnectSafely then Linked API against a real server (started here unless one is given): about
 * 75 s each. Met when every p95 is ≤ 3 s, the quiet polling asked the provider nothing, every
 * message showed once and no client request failed; `refusedAll` when every forged and stale
 * delivery was refused and stored nothing, and the replay stored one message.
 */
export async function pushedBench(options: { server?: RealServer } = {}): Promise<PushedResult> {
  const run = async (server: RealServer): Promise<PushedResult> => {
    const results = [];
    for (const [index, provider] of (["connectsafely", "linkedapi"] as const).entries()) results.push(await benchProvider(server, provider, index + 1));
    const rows = results.map((result) => result.row);
    const p95s = rows.map((row) => row.p95S);
    const p95MaxS = p95s.some((p) => p === null) ? null : Math.max(...p95s.map((p) => p ?? 0));
    const met = p95MaxS !== null && p95MaxS <= TARGET_S && rows.every((row) => row.providerCallsWhileWaiting === 0 && row.shownOnce && row.non2xx === 0);
    return { rows, verdict: { p95MaxS, target: TARGET_S, met, refusedAll: results.every((result) => result.refused) } };
  };
  return options.server ? run(options.server) : withRealServer(run);
}
