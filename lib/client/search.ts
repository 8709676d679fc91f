/**
 * Instant search over the conversations already loaded: every word of the query must appear in
 * the person's name, their headline or the last message, ignoring case and accents ("jose" finds
 * "José"). Pure, so the list filters on every keystroke without a request.
 */
import type { Conversation } from "@/lib/contracts/api";
import { MAX_SEARCH_LENGTH } from "@/lib/contracts/text-limits";

export { MAX_SEARCH_LENGTH };

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

/** The query as the URL keeps it: not trimmed (the rep may be mid-word), bounded, blank → none. */
export function normalizeSearchParam(value: string | null | undefined): string {
  if (!value || value.trim() === "") return "";
  // A pasted tab or newline is a space to the rep, and the API refuses control characters.
  return value.replace(/\p{Cc}/gu, " ").slice(0, MAX_SEARCH_LENGTH);
}

function lastActivity(conversation: Conversation): number {
  return conversation.lastMessage?.sentAt ?? -Infinity;
}

/**
 * What the loaded inbox matched, with what the provider's search found besides: each conversation
 * once (the loaded row, kept fresh by the inbox poller, wins), most recent first.
 */
export function mergeSearchResults(loaded: readonly Conversation[], found: readonly Conversation[]): Conversation[] {
  const ids = new Set(loaded.map((conversation) => conversation.id));
  const extra = found.filter((conversation) => !ids.has(conversation.id));
  if (extra.length === 0) return [...loaded];
  return [...loaded, ...extra].sort((a, b) => lastActivity(b) - lastActivity(a));
}
