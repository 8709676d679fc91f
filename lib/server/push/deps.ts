import "server-only";
import type { PeopleStore } from "@/lib/server/providers/linkedapi/store";
import type { MailboxStore } from "./mailbox-store";
import type { PushStore } from "./store";

/** What a webhook receiver works with: nothing global, so a test can hand it its own. */
export type PushDeps = {
  events: PushStore;
  mailboxes: Pick<MailboxStore, "mailboxOf">;
  people: Pick<PeopleStore, "findByKey">;
  now: () => number;
};
