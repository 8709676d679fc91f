import "server-only";
import type { DemoLanguage } from "@/lib/server/demo/content/names";
import type { LinkupConversationType, LinkupMessageType } from "@/lib/server/linkup-v2-simulator/wire-types";

/** Someone the rep talks to: a LinkedIn member or a company page. */
export type DemoPerson = {
  firstName: string;
  lastName: string;
  displayName: string;
  headline: string;
  company: string;
  /** Without a trailing slash (as in list_inbox); thread messages add one (as in get_conversation). */
  profileUrl: string;
  pictureUrl?: string;
  isOrganization: boolean;
  language: DemoLanguage;
};

/**
 * A message of the generated history. History is timed relative to the week anchor (see clock.ts), so
 * the same history can be laid down before any anchor.
 */
export type DemoMessage = {
  fromMe: boolean;
  text: string;
  type: LinkupMessageType;
  /** Positive: how long before the anchor it was sent. Unique within a conversation. */
  msBeforeAnchor: number;
  entityUrn: string;
};

export type DemoConversation = {
  conversationId: string;
  participant: DemoPerson;
  type: LinkupConversationType;
  isConnection: boolean;
  isStarred: boolean;
  /** Unread count at the anchor. */
  unread: number;
  /** Oldest first; never empty. */
  messages: readonly DemoMessage[];
  /** When the participant last read the conversation, before the anchor; undefined without read receipts. */
  seenMsBeforeAnchor?: number;
  /** Set for the conversations that receive live messages: index into LIVE_PERSONAS. */
  livePersonaIndex?: number;
};
