/** Zod checks for text we take in; the rules themselves are in text.ts, which the proxy and pages use without zod. */
import { z } from "zod/mini";
import { hasControlCharacter } from "./text";

/** A NUL would make the database refuse the row (a 500), a newline reach a provider's header or log. */
export const withoutControlCharacters = z.refine<string>((text) => !hasControlCharacter(text), "must not hold control characters");
