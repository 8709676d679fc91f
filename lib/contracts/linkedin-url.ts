import type { Channel } from "./api";
import { hasControlCharacter } from "./text";

/**
 * A LinkedIn person URL as a rep pastes it: a standard profile (`/in/<slug>`) or a Sales Navigator
 * lead (`/sales/lead/<id>` or `/sales/people/<id>`). Shared by the add-person form (instant
 * feedback) and the server (the rule that counts).
 *
 * `url` is the address in one form (https, www, no query or trailing slash) with the slug as the
 * rep typed it: what we show and send. `key` is who the person is, so they are stored once:
 * profile slugs are case-insensitive on LinkedIn (/in/Jane-Doe is /in/jane-doe), lead ids are not
 * (they are base64-like), so only a profile's key is lowercased. `channel` is the conversation the
 * address's form implies: a profile's standard one, a lead's Sales Navigator one.
 */
export type PersonUrl = { url: string; key: string; channel: Channel; slug: string };

const STANDARD = /^\/in\/([^/?#]+)\/?$/;
const SALES_NAVIGATOR = /^\/sales\/(?:lead|people)\/([^/?#]+)\/?$/;

export function parsePersonUrl(input: string): PersonUrl | null {
  const withScheme = /^https?:\/\//i.test(input.trim()) ? input.trim() : `https://${input.trim()}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (host !== "linkedin.com" && !host.endsWith(".linkedin.com")) return null;
  const standard = STANDARD.exec(url.pathname);
  if (standard?.[1]) {
    const profile = `https://www.linkedin.com/in/${standard[1]}`;
    // The path is ASCII (the URL parser percent-encodes the rest): migration 0002 lowers stored keys the same way.
    return { url: profile, key: profile.toLowerCase(), channel: "standard", slug: decodeSlug(standard[1]) };
  }
  const sales = SALES_NAVIGATOR.exec(url.pathname);
  if (sales?.[1]) {
    const lead = `https://www.linkedin.com/sales/lead/${sales[1]}`;
    return { url: lead, key: lead, channel: "salesNavigator", slug: decodeSlug(sales[1]) };
  }
  return null;
}

export const LEAD_LINK_HAS_NO_STANDARD_CONVERSATION =
  "A Sales Navigator lead link opens only their Sales Navigator conversation. Choose Sales Navigator, or paste their linkedin.com/in/ profile address for standard messages.";

/**
 * Which of a person's conversations to sync: the rep's choice, else the one the address implies.
 * A profile address has both; a lead link names only the Sales Navigator one (null for "standard").
 */
export function chosenChannel(url: PersonUrl, requested: Channel | undefined): Channel | null {
  if (requested === undefined) return url.channel;
  return url.channel === "salesNavigator" && requested === "standard" ? null : requested;
}

/** The slug as written, where decoding it would give an invalid sequence or a control character (a NUL the database refuses). */
function decodeSlug(segment: string): string {
  try {
    const decoded = decodeURIComponent(segment);
    return hasControlCharacter(decoded) ? segment : decoded;
  } catch {
    return segment;
  }
}

/** "jane-doe-42" → "Jane Doe": a readable stand-in until the rep names the person. */
export function nameFromSlug(slug: string): string {
  const words = slug
    .split(/[-_]+/)
    .filter((word) => word !== "" && !/\d/.test(word));
  if (words.length === 0 || slug.includes(",")) return "LinkedIn member";
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(" ");
}
