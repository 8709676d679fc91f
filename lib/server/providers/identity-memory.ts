import "server-only";
import { profileKey } from "./profile-url";
import type { Identity } from "./identity";

const MAX_REMEMBERED_CONVERSATIONS = 5_000;

/**
 * What an adapter learns about who is who, to tell the rep's own thread messages apart when the
 * provider does not say, and whom a reply goes to where a provider sends by profile (Linkup): the
 * owner's profile (configured, or seen as `is_me` in the inbox) and each conversation's other
 * participant. A per-instance cache only: losing it degrades `fromMe` to null and costs a lookup.
 */
export function createIdentityMemory(configuredSelfProfileUrl: string | undefined) {
  let selfKey = profileKey(configuredSelfProfileUrl);
  /** conversation id → the other participant's profile URL, least recently set first. */
  const participantByConversation = new Map<string, string>();

  function rememberParticipant(conversationId: string, profileUrl: string | null | undefined): void {
    if (!profileUrl || profileKey(profileUrl) === undefined) return;
    participantByConversation.delete(conversationId);
    participantByConversation.set(conversationId, profileUrl.trim());
    if (participantByConversation.size > MAX_REMEMBERED_CONVERSATIONS) {
      const oldest = participantByConversation.keys().next();
      if (!oldest.done) participantByConversation.delete(oldest.value);
    }
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
    participantUrlOf(conversationId: string): string | undefined {
      return participantByConversation.get(conversationId);
    },
    identityFor(conversationId: string, participantProfileUrl?: string): Identity {
      return { selfKey, otherKey: profileKey(participantProfileUrl) ?? profileKey(participantByConversation.get(conversationId)) };
    },
  };
}
