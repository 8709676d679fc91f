import "server-only";

/**
 * Push (webhooks). `push_event`: each delivery we accepted, once per account and provider event id,
 * so a replay finds its row and stores nothing; "what changed since" reads them by arrival, per
 * account. `push_mailbox`: the mailbox URN inside a ConnectSafely account's conversation ids, which
 * its webhooks leave out (lib/server/push/connectsafely-ids.ts).
 */
export const sql = `
CREATE TABLE push_event (
  account_id text NOT NULL,
  event_id text NOT NULL,
  conversation_id text NOT NULL,
  sent_at bigint NOT NULL,
  received_at bigint NOT NULL,
  PRIMARY KEY (account_id, event_id)
);
CREATE INDEX push_event_by_arrival ON push_event (account_id, received_at);

CREATE TABLE push_mailbox (
  account_id text PRIMARY KEY,
  mailbox_urn text NOT NULL,
  seen_at bigint NOT NULL
);
`;
