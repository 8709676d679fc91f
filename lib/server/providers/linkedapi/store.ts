import "server-only";
import type { Channel, SyncFailure, SyncState } from "@/lib/contracts/api";

/** One person a rep added to a Linked API account, as stored. Times are epoch ms. */
export type PersonRecord = {
  id: string;
  accountId: string;
  /** As the rep typed it (in one form, see parsePersonUrl): what we show and send to Linked API. */
  profileUrl: string;
  /** Who the person is (parsePersonUrl's key): one person per key and channel. */
  profileKey: string;
  channel: Channel;
  name: string;
  state: SyncState;
  /** Where to ask how the running sync is going (Linked API's result link); null once it ended. */
  resultLink: string | null;
  failureReason: SyncFailure | null;
  addedAt: number;
  updatedAt: number;
  syncedAt: number | null;
  /** The newest message seen, so the inbox can list the conversation without reading it all again. */
  lastMessage: LastMessage | null;
};

export type LastMessage = { text: string; sentAt: number; fromMe: boolean };

export type NewPerson = Pick<PersonRecord, "profileUrl" | "profileKey" | "channel" | "name">;

/**
 * The people list and sync state: it must survive restarts and read the same from every device,
 * so it lives in Postgres (lib/server/db). Every method is scoped by our account id.
 */
export interface PeopleStore {
  /** Most recently added first. */
  list(accountId: string): Promise<PersonRecord[]>;
  get(accountId: string, id: string): Promise<PersonRecord | undefined>;
  /** The person with this key (parsePersonUrl's) and channel: how a webhook's person URL finds its conversation. */
  findByKey(accountId: string, profileKey: string, channel: Channel): Promise<PersonRecord | undefined>;
  /** Idempotent on (account, profileKey, channel): a second add returns the first with created false. */
  add(accountId: string, person: NewPerson, now: number): Promise<{ person: PersonRecord; created: boolean }>;
  markSyncing(accountId: string, id: string, resultLink: string | null, now: number): Promise<PersonRecord | undefined>;
  /**
   * Takes the next question about a sync (its restart without a result link, or a check of its
   * link), if it is still as `seen` (syncing, the same link, last touched at `seen.updatedAt`), by
   * touching it: of many lists at once, on any instance, one asks.
   */
  claimTurn(accountId: string, seen: PersonRecord, now: number): Promise<PersonRecord | undefined>;
  markReady(accountId: string, id: string, now: number): Promise<PersonRecord | undefined>;
  markFailed(accountId: string, id: string, reason: SyncFailure, now: number): Promise<PersonRecord | undefined>;
  /** Only ever moves forward: an older message than the one stored is ignored. */
  saveLastMessage(accountId: string, id: string, lastMessage: LastMessage, now: number): Promise<void>;
  remove(accountId: string, id: string): Promise<boolean>;
}
