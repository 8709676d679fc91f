import "server-only";

/**
 * One pending invitation per email, held by the database: two admins inviting the same person at
 * once could each delete the pending one and insert their own, and joining would then take both
 * invitations' accounts. The newest pending one of any duplicates already stored stays.
 */
export const sql = `
DELETE FROM team_invitation older
  USING team_invitation newer
  WHERE older.email = newer.email
    AND older.accepted_at IS NULL AND newer.accepted_at IS NULL
    AND (older.created_at, older.id) < (newer.created_at, newer.id);
DROP INDEX team_invitation_by_email;
CREATE UNIQUE INDEX team_invitation_pending_email ON team_invitation (email) WHERE accepted_at IS NULL;
`;
