import "server-only";

/**
 * Every reply, recorded before the provider is called: a repeated POST with the same clientId (a
 * retry, a second tab, a double tap) finds it here and never reaches the provider twice.
 */
export const sql = `
CREATE TABLE message_send (
  account_id text NOT NULL,
  client_id text NOT NULL,
  conversation_id text NOT NULL,
  user_id text,
  text text NOT NULL,
  subject text,
  state text NOT NULL CHECK (state IN ('sending', 'sent', 'pending', 'unconfirmed', 'failed')),
  attempts integer NOT NULL DEFAULT 1,
  job_ref text,
  message jsonb,
  error_code text,
  error_message text,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  PRIMARY KEY (account_id, client_id)
);
CREATE INDEX message_send_by_conversation ON message_send (account_id, conversation_id, created_at DESC);
`;
