/** Links in message text, as the thread shows them (its own module: no inbox screen needs it). */
import { stripBidiControls } from "@/lib/contracts/text";

export type TextToken = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// A bidirectional control ends a URL: it has no place in one, and could disguise where it goes.
const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"'\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'")\]}]+$/;

/** Split message text into plain text and links (http(s) and www. only: nothing executable). */
export function linkify(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    let raw = match[0];
    // Keep a closing parenthesis that belongs to the URL (e.g. Wikipedia links), drop sentence punctuation.
    const trailing = raw.match(TRAILING_PUNCTUATION)?.[0] ?? "";
    if (trailing) {
      let keep = raw.slice(0, raw.length - trailing.length);
      let rest = trailing;
      while (rest.startsWith(")") && count(keep, "(") > count(keep, ")")) {
        keep += ")";
        rest = rest.slice(1);
      }
      raw = keep;
    }
    if (raw.length === 0) continue;
    if (start > last) tokens.push({ kind: "text", text: text.slice(last, start) });
    const href = raw.toLowerCase().startsWith("www.") ? `https://${raw}` : raw;
    tokens.push({ kind: "link", text: stripBidiControls(raw), href });
    last = start + raw.length;
  }
  if (last < text.length) tokens.push({ kind: "text", text: text.slice(last) });
  return tokens;
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (const ch of haystack) if (ch === needle) n++;
  return n;
}
