import "server-only";

/**
 * One person per profile, whatever the case of its slug: LinkedIn profile slugs are
 * case-insensitive, so `/in/Jane-Doe` and `/in/jane-doe` are one person (parsePersonUrl's `key`).
 * Sales Navigator lead ids are case-sensitive and keep theirs. Stored profile URLs are ASCII (the
 * URL parser percent-encodes the rest) and `translate` lowers exactly A–Z, as JavaScript's
 * toLowerCase does there, in any database locale. Where the same person was added twice in
 * different cases, the row kept is the ready one (its id is the conversation's), else the first.
 */
export const sql = `
ALTER TABLE people ADD COLUMN profile_key text;
UPDATE people SET profile_key = CASE
  WHEN profile_url LIKE 'https://www.linkedin.com/in/%' THEN translate(profile_url, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
  ELSE profile_url
END;
DELETE FROM people WHERE id IN (
  SELECT id FROM (
    SELECT id, row_number() OVER (PARTITION BY account_id, profile_key, channel ORDER BY (state = 'ready') DESC, added_at, id) AS rank
    FROM people
  ) ranked
  WHERE rank > 1
);
ALTER TABLE people ALTER COLUMN profile_key SET NOT NULL;
ALTER TABLE people DROP CONSTRAINT people_account_id_profile_url_channel_key;
ALTER TABLE people ADD CONSTRAINT people_account_id_profile_key_channel_key UNIQUE (account_id, profile_key, channel);
`;
