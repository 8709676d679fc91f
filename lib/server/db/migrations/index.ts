import "server-only";
import * as people from "./0001-people";
import * as peopleProfileKey from "./0002-people-profile-key";
import * as team from "./0003-team";
import * as sends from "./0004-sends";
import * as upstreamCache from "./0005-upstream-cache";
import * as push from "./0006-push";
import * as readMarks from "./0007-read-marks";
import * as readMarksByTime from "./0008-read-marks-by-time";
import * as onePendingInvitation from "./0009-one-pending-invitation";

/**
 * Every schema change, in order. Append only: a shipped migration is never edited, a new one is
 * added with the next version. Applied automatically at first use (see migrate.ts).
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: "people", sql: people.sql },
  { version: 2, name: "people-profile-key", sql: peopleProfileKey.sql },
  { version: 3, name: "team", sql: team.sql },
  { version: 4, name: "sends", sql: sends.sql },
  { version: 5, name: "upstream-cache", sql: upstreamCache.sql },
  { version: 6, name: "push", sql: push.sql },
  { version: 7, name: "read-marks", sql: readMarks.sql },
  { version: 8, name: "read-marks-by-time", sql: readMarksByTime.sql },
  { version: 9, name: "one-pending-invitation", sql: onePendingInvitation.sql },
];
