import "server-only";
import { parsePersonUrl } from "@/lib/contracts/linkedin-url";
import type { PeopleStore } from "@/lib/server/providers/linkedapi/store";

/**
 * Our id for the conversation a Linked API webhook names: the id of the person the rep added (our
 * Linked API conversation ids are people ids), found by who the URL names (parsePersonUrl's key, as
 * stored) and the channel its `type` says (`st` standard, `nv` Sales Navigator; absent: the one the
 * URL's form implies). Undefined for someone nobody added: that conversation is not in our inbox.
 */
export async function personIdFor(
  people: Pick<PeopleStore, "findByKey">,
  accountId: string,
  message: { personUrl: string; type?: "st" | "nv" | null },
): Promise<string | undefined> {
  const url = parsePersonUrl(message.personUrl);
  if (!url) return undefined;
  const channel = message.type === "nv" ? "salesNavigator" : message.type === "st" ? "standard" : url.channel;
  return (await people.findByKey(accountId, url.key, channel))?.id;
}
