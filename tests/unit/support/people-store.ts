import { afterAll, beforeAll } from "vitest";
import { parsePersonUrl } from "@/lib/contracts/linkedin-url";
import type { Database } from "@/lib/server/db/database";
import { openDatabase } from "@/lib/server/db";
import type { NewPerson, PeopleStore } from "@/lib/server/providers/linkedapi/store";
import { createPeopleStore } from "@/lib/server/providers/linkedapi/store-sql";

/** A people store on an in-memory database, open for the calling test file's duration. */
export function inMemoryPeopleStore(): PeopleStore {
  let db: Promise<Database> | undefined;
  beforeAll(async () => {
    db = openDatabase({});
    await db;
  }, 30_000);
  afterAll(async () => {
    await (await db)?.close();
  });
  return createPeopleStore(() => db ?? Promise.reject(new Error("the test database opens in beforeAll")));
}

/** A person as the people directory adds them: the profile URL in one form, and its key. */
export function newPerson(profileUrl: string, channel: NewPerson["channel"] = "standard", name = "Person"): NewPerson {
  const parsed = parsePersonUrl(profileUrl);
  if (!parsed) throw new Error(`not a LinkedIn person's address: ${profileUrl}`);
  return { profileUrl: parsed.url, profileKey: parsed.key, channel, name };
}
