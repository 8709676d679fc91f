import "server-only";
import { ApiError } from "@/lib/server/errors";
import { isProfileUrl, profileKey } from "@/lib/server/providers/profile-url";
import { notSentError } from "@/lib/server/providers/send-errors";
import type { LinkupMessage } from "./items";
import type { LinkupIdentities } from "./pages";

/** How many of the newest messages are read to find whom to reply to when no page has named them. */
export const RECIPIENT_LOOKUP_COUNT = 10;

/**
 * What a thread's messages say of whom a reply goes to: several other senders make it a group,
 * whichever messages they are. Only messages that are the thread's newest (`coverNewest`: at least
 * RECIPIENT_LOOKUP_COUNT of them, or the whole thread) can also say it is not one, and name the one
 * other participant (kept only where no inbox page named one): a `since` answer of one new message,
 * or an older page, shows only some of who writes. Without the rep's own profile one of the senders
 * may be the rep, so only a third tells a group.
 */
export function learnFromSenders(conversationId: string, messages: readonly LinkupMessage[], identities: LinkupIdentities, coverNewest: boolean): void {
  const senders = distinctSenders(messages, identities.selfKey);
  const selfKnown = identities.selfKey !== undefined;
  const several = senders.length > (selfKnown ? 1 : 2);
  if (several || coverNewest) identities.noteSenderCheck(conversationId, several);
  if (coverNewest && selfKnown && senders.length === 1) identities.learnParticipant(conversationId, senders[0]);
}

/** The distinct senders of these messages who are not the rep (where the rep is known), by profile URL. */
function distinctSenders(messages: readonly LinkupMessage[], selfKey: string | undefined): string[] {
  const byKey = new Map<string, string>();
  for (const message of messages) {
    const url = message.sender_info?.profile_url;
    const key = profileKey(url);
    if (url && key !== undefined && key !== selfKey && !byKey.has(key)) byKey.set(key, url);
  }
  return [...byKey.values()];
}

const SEVERAL_PEOPLE = "This conversation has several people in it, and Linkup can only send a message to one person: it was not sent.";

/**
 * Whom a reply in this conversation goes to. Linkup sends by the other person's profile URL only
 * (no reply by conversation id): the conversation id itself where it is a profile URL, else the
 * participant an inbox or thread page named, else the one other sender among the newest messages.
 * An inbox page names one participant even for a group, so a reply is sent only once a thread
 * page has shown who writes in it, in the last few minutes (SENDER_CHECK_MS); else the newest
 * messages are read first (a credit), whichever server instance sends.
 */
export async function recipientOf(
  conversationId: string,
  identities: LinkupIdentities,
  readNewest: (count: number) => Promise<readonly LinkupMessage[]>,
): Promise<string> {
  if (isProfileUrl(conversationId)) return conversationId;
  const known = identities.sendersCheckedRecently(conversationId) && identities.participantUrlOf(conversationId) !== undefined;
  if (!identities.isGroup(conversationId) && !known) {
    let messages: readonly LinkupMessage[];
    try {
      messages = await readNewest(RECIPIENT_LOOKUP_COUNT);
    } catch (error) {
      throw notSentError(error, "Linkup could not tell us whom this reply goes to, so it was not sent. Try again.");
    }
    learnFromSenders(conversationId, messages, identities, true);
  }
  if (identities.isGroup(conversationId)) throw new ApiError("bad_request", SEVERAL_PEOPLE);
  const only = identities.participantUrlOf(conversationId);
  if (only === undefined) {
    throw new ApiError(
      "bad_request",
      identities.selfKey === undefined
        ? "Threadline could not tell who the other person in this conversation is, so Linkup cannot send the reply. An admin can fix this by setting the account's own LinkedIn profile URL."
        : "Threadline could not tell who the other person in this conversation is (none of its newest messages is theirs), so Linkup cannot send the reply. Reload the inbox, then try again.",
    );
  }
  return only;
}
