import "server-only";
import { profileKey } from "./profile-url";
import type { Identity } from "./identity";

const MAX_REMEMBERED_CONVERSATIONS = 5_000;

/**
 * What a thread's newest messages last showed of who writes in each conversation (several other
 * people: a group), and when, least recently checked first: data an account's adapters share (a
 * page reads the thread; a route handler, in another module graph with its own adapter, sends the
 * reply). A group stays a group.
 */
export type SenderChecks = Map<string, { several: boolean; at: number }>;

/** How long a check of a thread's senders vouches for it: a reply after that looks again. */
export const SENDER_CHECK_MS = 5 * 60_000;

/**
 * What an adapter learns about who is who, to tell the rep's own thread messages apart when the
 * provider does not say, and whom a reply goes to where a provider sends by profile (Linkup): the
 * owner's profile (configured, or seen as `is_me` in the inbox) and each conversation's other
 * participant. A per-instance cache only: losing it degrades `fromMe` to null and costs a lookup.
 */
export function createIdentityMemory(configuredSelfProfileUrl: string | undefined, senderChecks: SenderChecks = new Map()) {
  let selfKey = profileKey(configuredSelfProfileUrl);
  /** conversation id → the other participant's profile URL, least recently set first. */
  const participantByConversation = new Map<string, string>();

  function rememberParticipant(conversationId: string, profileUrl: string | null | undefined): void {
    if (!profileUrl || profileKey(profileUrl) === undefined) return;
    setBounded(participantByConversation, conversationId, profileUrl.trim());
  }

  return {
    learnSelf(profileUrl: string | null | undefined): void {
      selfKey ??= profileKey(profileUrl);
    },
    get selfKey(): string | undefined {
      return selfKey;
    },
    /** The participant an inbox page names: the provider's own word, so it always wins. */
    rememberParticipant,
    /** A participant worked out from a thread's senders: kept only where no inbox page named one. */
    learnParticipant(conversationId: string, profileUrl: string | null | undefined): void {
      if (!participantByConversation.has(conversationId)) rememberParticipant(conversationId, profileUrl);
    },
    /**
     * What a thread page showed: several other people writing (whatever an inbox page names, a reply
     * would reach only one of them), or not.
     */
    noteSenderCheck(conversationId: string, several: boolean): void {
      setBounded(senderChecks, conversationId, { several: several || senderChecks.get(conversationId)?.several === true, at: Date.now() });
    },
    isGroup(conversationId: string): boolean {
      return senderChecks.get(conversationId)?.several === true;
    },
    /** Whether a thread page showed who writes in it recently enough to send a reply by it. */
    sendersCheckedRecently(conversationId: string): boolean {
      const check = senderChecks.get(conversationId);
      return check !== undefined && Date.now() - check.at < SENDER_CHECK_MS;
    },
    participantUrlOf(conversationId: string): string | undefined {
      return participantByConversation.get(conversationId);
    },
    identityFor(conversationId: string, participantProfileUrl?: string): Identity {
      // In a group, "not the other person" is not "the rep".
      if (senderChecks.get(conversationId)?.several === true) return { selfKey };
      return { selfKey, otherKey: profileKey(participantProfileUrl) ?? profileKey(participantByConversation.get(conversationId)) };
    },
  };
}

/** Sets a key as the most recently set, dropping the least recently set beyond the bound. */
function setBounded<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_REMEMBERED_CONVERSATIONS) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}
