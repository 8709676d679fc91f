import "server-only";
import { profileKey } from "./profile-url";
import type { Identity } from "./identity";

const MAX_REMEMBERED_CONVERSATIONS = 5_000;

/**
 * What an adapter learns about who is who, to tell the rep's own thread messages apart when the
 * provider does not say: the owner's profile (configured, or seen as `is_me` in the inbox) and each
 * conversation's other participant. A per-instance cache only: losing it degrades `fromMe` to null.
 */
export function createIdentityMemory(configuredSelfProfileUrl: string | undefined) {
  let selfKey = profileKey(configuredSelfProfileUrl);
  const participantByConversation = new Map<string, string>();

  return {
    learnSelf(profileUrl: string | null | undefined): void {
      selfKey ??= profileKey(profileUrl);
    },
    get selfKey(): string | undefined {
      return selfKey;
    },
    rememberParticipant(conversationId: string, profileUrl: string | null | undefined): void {
      const key = profileKey(profileUrl);
      if (key === undefined) return;
      participantByConversation.delete(conversationId);
      participantByConversation.set(conversationId, key);
      if (participantByConversation.size > MAX_REMEMBERED_CONVERSATIONS) {
        const oldest = participantByConversation.keys().next();
        if (!oldest.done) participantByConversation.delete(oldest.value);
      }
    },
    identityFor(conversationId: string, participantProfileUrl?: string): Identity {
      return { selfKey, otherKey: profileKey(participantProfileUrl) ?? participantByConversation.get(conversationId) };
    },
  };
}
