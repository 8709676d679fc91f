/**
 * Instant search over the conversations already loaded: every word of the query must appear in
 * the person's name, their headline or the last message, ignoring case and accents ("jose" finds
 * "José"). Pure, so the list filters on every keystroke without a request.
 */
import type { Conversation } from "@/lib/contracts/api";

/** The longest query kept (in the URL, in the field): longer is a paste gone wrong, not a search. */
export const MAX_SEARCH_LENGTH = 200;

function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLocaleLowerCase("en");
}

/** The words of a query, folded; none for a blank query (no filter). */
export function searchTerms(query: string): string[] {
  return fold(query.slice(0, MAX_SEARCH_LENGTH)).split(/\s+/).filter(Boolean);
}

export function matchesSearch(conversation: Conversation, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const { participant, lastMessage } = conversation;
  const haystack = fold([participant.name, participant.headline ?? "", lastMessage?.text ?? ""].join("\n"));
  return terms.every((term) => haystack.includes(term));
}

/** The query as the URL keeps it: trimmed of nothing (the rep may be mid-word), bounded, blank → none. */
export function normalizeSearchParam(value: string | null | undefined): string {
  if (!value || value.trim() === "") return "";
  return value.slice(0, MAX_SEARCH_LENGTH);
}
