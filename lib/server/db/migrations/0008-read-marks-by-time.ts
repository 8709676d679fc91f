import "server-only";

/** A rep's devices ask for the marks set since they last looked (GET …/read-marks?since=). */
export const sql = `
CREATE INDEX read_mark_by_time ON read_mark (user_key, account_id, marked_at);
`;
