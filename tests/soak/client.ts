/**
 * One simulated rep with a thread open: loads the whole history by cursor, then polls `since`,
 * merging with the client's own pure merge (lib/client/merge-messages), backing off on failures
 * like the UI does. Every answer is parsed with our contract schemas.
 */
import { messagesPageSchema, type MessagesPage } from "@/lib/contracts/api";
import { errorEnvelopeSchema } from "@/lib/contracts/errors";
import { flattenMessages, mergeMessagesSince } from "@/lib/client/merge-messages";
import { newestSentAt, type MessagePages } from "@/lib/client/message-pages";

export type Tally = { statuses: Map<number, number>; unmapped: string[] };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SoakClient {
  private history: MessagePages<string | null> | undefined;
  private failures = 0;

  constructor(
    private readonly threadUrl: string,
    private readonly tally: Tally,
    /** The signed-in rep's cookie (and our origin). */
    private readonly headers: Record<string, string>,
  ) {}

  /** GET and parse, or undefined after a failure that was counted and backed off from. */
  private async get(url: string): Promise<MessagesPage | undefined> {
    let response: Response;
    try {
      response = await fetch(url, { headers: this.headers, signal: AbortSignal.timeout(35_000) });
    } catch {
      this.tally.statuses.set(0, (this.tally.statuses.get(0) ?? 0) + 1);
      await this.backOff();
      return undefined;
    }
    this.tally.statuses.set(response.status, (this.tally.statuses.get(response.status) ?? 0) + 1);
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok) {
      this.failures = 0;
      return messagesPageSchema.parse(body);
    }
    if (response.status === 500 || !errorEnvelopeSchema.safeParse(body).success) {
      this.tally.unmapped.push(`${response.status} ${JSON.stringify(body)}`);
    }
    await this.backOff();
    return undefined;
  }

  private async backOff(): Promise<void> {
    this.failures++;
    await sleep(Math.min(8_000, 500 * 2 ** this.failures) * (0.5 + Math.random() / 2));
  }

  async loadWholeHistory(): Promise<void> {
    const pages: MessagesPage[] = [];
    const pageParams: Array<string | null> = [null];
    let cursor: string | null = null;
    for (;;) {
      const query = new URLSearchParams({ limit: "100", ...(cursor ? { cursor } : {}) });
      const page = await this.get(`${this.threadUrl}?${query}`);
      if (!page) continue;
      pages.push(page);
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
      pageParams.push(cursor);
    }
    this.history = { pages, pageParams };
  }

  /** One `since` poll; true when it got an answer. */
  async poll(): Promise<boolean> {
    const since = newestSentAt(this.history) ?? 0;
    const delta = await this.get(`${this.threadUrl}?since=${since}`);
    if (!delta) return false;
    if (delta.meta?.truncated) {
      await this.loadWholeHistory();
      return true;
    }
    this.history = mergeMessagesSince(this.history, delta.messages) ?? this.history;
    return true;
  }

  messageIds(): string[] {
    return flattenMessages(this.history).map((m) => m.id);
  }
}
