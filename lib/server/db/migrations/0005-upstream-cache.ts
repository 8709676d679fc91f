import "server-only";

/** The shared, short-lived cache of provider reads (lib/server/cache/shared-cache.ts). */
export const sql = `
CREATE TABLE upstream_cache (
  key text PRIMARY KEY,
  fetched_at bigint NOT NULL,
  value jsonb,
  claimed_until bigint
);
`;
