import "server-only";
import { DEMO_ACCOUNT, DEMO_REP } from "@/lib/server/demo/account";
import type { DemoConversation, DemoPerson } from "@/lib/server/demo/model";
import { hashString } from "@/lib/server/demo/random";
import type {
  LinkupMessageType,
  WireConversation,
  WireLastMessageSender,
  WireMessage,
  WireParticipant,
} from "@/lib/server/linkup-v2-simulator/wire-types";

/** A demo message placed in absolute time, from the history or from the live log. */
export type TimedMessage = {
  fromMe: boolean;
  text: string;
  type: LinkupMessageType;
  timestamp: number;
  entityUrn: string;
};

const SELF_URL_WITHOUT_SLASH = DEMO_ACCOUNT.selfProfileUrl.replace(/\/+$/, "");

/** Like the real API, the rep's own profile URL comes both with and without the trailing slash. */
function selfProfileUrlFor(entityUrn: string): string {
  return hashString(entityUrn) % 4 === 0 ? SELF_URL_WITHOUT_SLASH : DEMO_ACCOUNT.selfProfileUrl;
}

export function toWireMessage(participant: DemoPerson, message: TimedMessage): WireMessage {
  const author = message.fromMe
    ? { name: DEMO_REP.displayName, first: DEMO_REP.firstName, last: DEMO_REP.lastName, url: selfProfileUrlFor(message.entityUrn) }
    : { name: participant.displayName, first: participant.firstName, last: participant.lastName, url: `${participant.profileUrl}/` };
  return {
    text: message.text,
    timestamp: message.timestamp,
    sender: author.name,
    sender_info: { first_name: author.first, last_name: author.last, profile_url: author.url },
    message_type: message.type,
    entity_urn: message.entityUrn,
  };
}

function toWireParticipant(person: DemoPerson): WireParticipant {
  return {
    name: person.displayName,
    headline: person.headline,
    profile_url: person.profileUrl,
    ...(person.pictureUrl === undefined ? {} : { profile_picture: person.pictureUrl }),
    ...(person.isOrganization ? { is_organization: true } : {}),
  };
}

function lastMessageSender(participant: DemoPerson, fromMe: boolean): WireLastMessageSender {
  if (fromMe) return { name: DEMO_REP.displayName, headline: DEMO_REP.headline, profile_url: SELF_URL_WITHOUT_SLASH, is_me: true };
  return {
    name: participant.displayName,
    headline: participant.headline,
    profile_url: participant.profileUrl,
    ...(participant.pictureUrl === undefined ? {} : { profile_picture: participant.pictureUrl }),
    is_me: false,
  };
}

export function toWireConversation(
  conversation: DemoConversation,
  lastMessage: Omit<TimedMessage, "entityUrn">,
  unread: number,
): WireConversation {
  return {
    conversation_id: conversation.conversationId,
    participant: toWireParticipant(conversation.participant),
    last_message: {
      text: lastMessage.text,
      time: lastMessage.timestamp,
      sender: lastMessageSender(conversation.participant, lastMessage.fromMe),
    },
    unread,
    type: conversation.type,
  };
}
