import "server-only";

/** Linked API's people: whose conversation the rep asked to synchronize, and how that sync went. */
export const sql = `
CREATE TABLE people (
  id text PRIMARY KEY,
  account_id text NOT NULL,
  profile_url text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('standard', 'salesNavigator')),
  name text NOT NULL,
  state text NOT NULL CHECK (state IN ('syncing', 'ready', 'failed')),
  result_link text,
  failure_reason text,
  added_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  synced_at bigint,
  last_message_text text,
  last_message_at bigint,
  last_message_from_me boolean,
  UNIQUE (account_id, profile_url, channel)
);
CREATE INDEX people_by_account ON people (account_id, added_at DESC);
`;
