import "server-only";
import type { MessageSender } from "@/lib/server/providers/types";
import { LINKUP_SEND_LIMITS } from "./capabilities";
import type { LinkupMessage, LinkupSent } from "./items";
import { mapSent } from "./map";
import type { LinkupIdentities } from "./pages";
import { recipientOf } from "./recipient";

export type LinkupSendCalls = {
  /** The newest `count` messages of a conversation (a read: retried like any read). */
  readNewest(conversationId: string, count: number, signal: AbortSignal): Promise<readonly LinkupMessage[]>;
  /** The send itself, once (NO_RETRY): what Linkup's answer names of the message. */
  send(profileUrl: string, text: string, signal: AbortSignal): Promise<LinkupSent | null | undefined>;
};

/** Replies through either Linkup generation: both send to the other person's profile, once. */
export function createLinkupSender(identities: LinkupIdentities, selfProfileUrl: string | undefined, calls: LinkupSendCalls): MessageSender {
  return {
    limits: LINKUP_SEND_LIMITS,
    async send({ conversationId, text }, signal) {
      const profileUrl = await recipientOf(conversationId, identities, (count) => calls.readNewest(conversationId, count, signal));
      const sent = await calls.send(profileUrl, text, signal);
      return { kind: "sent", message: mapSent(sent, text, selfProfileUrl) };
    },
  };
}
