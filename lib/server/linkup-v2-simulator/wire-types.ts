import "server-only";

/** The Linkup API v2 wire format (seeds/linkup-v2-*.txt), as the simulator sends it. */

export const LINKUP_CATEGORIES = ["INBOX", "UNREAD", "MY_CONNECTIONS", "INMAIL", "STARRED"] as const;
export type LinkupCategory = (typeof LINKUP_CATEGORIES)[number];

export type LinkupConversationType = "normal" | "inmail" | "Sponsored";
export type LinkupMessageType = "TEXT" | "INVITATION" | "SHARED_POST";

export type WireParticipant = {
  name: string;
  headline?: string;
  profile_url?: string;
  profile_picture?: string;
  /** Present (and true) only for company pages. */
  is_organization?: boolean;
};

export type WireLastMessageSender = {
  name: string;
  headline?: string;
  profile_url?: string;
  profile_picture?: string;
  is_me: boolean;
};

export type WireLastMessage = {
  text: string;
  /** Epoch ms. */
  time: number;
  sender: WireLastMessageSender;
};

export type WireConversation = {
  conversation_id: string;
  participant: WireParticipant;
  last_message: WireLastMessage;
  unread: number;
  type: LinkupConversationType;
};

export type WireSenderInfo = {
  first_name: string;
  last_name: string;
  profile_url?: string;
};

/** A thread message; the real API says nothing about whether the account's owner wrote it. */
export type WireMessage = {
  text: string;
  /** Epoch ms. */
  timestamp: number;
  /** Display name. */
  sender: string;
  sender_info: WireSenderInfo;
  message_type: LinkupMessageType;
  entity_urn: string;
};

export type ListInboxData = {
  conversations: WireConversation[];
  total_results: number;
  next_cursor: string | null;
};

export type GetConversationData = {
  total_message_count: number;
  unread_count: number;
  last_seen_message: boolean;
  /** Omitted when there is no read receipt. */
  last_seen_at?: number;
  /** Most recent first. */
  messages: WireMessage[];
  /** Stringified epoch ms of the next older message; omitted at the end. */
  next_cursor?: string;
};

export type SendData = {
  entityUrn: string;
  conversation_id: string;
  /** ISO 8601 (v2; v1 sends epoch ms). */
  deliveredAt: string;
};

export type LinkupAction = "list_inbox" | "get_conversation" | "send";

export type SuccessMetadata = {
  action: LinkupAction;
  account_id: string;
  credits_consumed: number;
  /** ISO 8601. */
  timestamp: string;
};

export type LinkupSuccessBody<TData> = {
  success: true;
  data: TData;
  metadata: SuccessMetadata;
};

export type LinkupErrorCode = "INVALID_API_KEY" | "INVALID_ACCOUNT" | "INVALID_ACTION" | "INVALID_PARAMS" | "NOT_FOUND";

export type LinkupErrorBody = {
  success: false;
  error: { code: LinkupErrorCode; message: string };
  metadata: {
    /** The action the request named, or null when it named none. */
    action: string | null;
    credits_consumed: 0;
    timestamp: string;
  };
};
