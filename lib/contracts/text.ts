/** Rules for text we take in, shared by the proxy, the route parsers and the client. */

const CONTROL_CHARACTER = /\p{Cc}/u;

/** A NUL, a newline, an escape…: never part of an id, a header or a URL segment of ours. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/** Characters that reorder how text around them is shown (LRM/RLM, embeddings, overrides, isolates). */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text without bidirectional controls: a link shown this way cannot disguise where it goes. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, "");
}
