import "server-only";

/**
 * Read state, per rep and account (lib/server/read-state/store.ts). `read_through`: the rep has read
 * the conversation through its message sent then; NULL: the rep marked it unread.
 */
export const sql = `
CREATE TABLE read_mark (
  user_key text NOT NULL,
  account_id text NOT NULL,
  conversation_id text NOT NULL,
  read_through bigint,
  marked_at bigint NOT NULL,
  PRIMARY KEY (user_key, account_id, conversation_id)
);
`;
