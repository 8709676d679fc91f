import "server-only";
import { profileKey } from "./profile-url";

/** What we know about who is who in a conversation, to tell the rep's own messages apart. */
export type Identity = {
  /** profileKey of the account owner, when known. */
  selfKey?: string;
  /** profileKey of the other participant of a one-to-one conversation, when known. */
  otherKey?: string;
};

/** For providers whose messages carry no `is_me`: compare the sender's profile with who we know. */
export function isFromMe(senderProfileUrl: string | null | undefined, identity: Identity): boolean | null {
  const senderKey = profileKey(senderProfileUrl);
  if (senderKey === undefined) return null;
  if (identity.selfKey !== undefined) return senderKey === identity.selfKey;
  if (identity.otherKey !== undefined) return senderKey !== identity.otherKey;
  return null;
}
