/** Rules for text we take in, shared by the proxy, the route parsers and the client. */

const CONTROL_CHARACTER = /\p{Cc}/u;

/** A NUL, a newline, an escape…: never part of an id, a header or a URL segment of ours. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}
