import { hasControlCharacter } from "@/lib/contracts/text";

/**
 * A request path Next.js cannot route safely: a segment that is not valid percent-encoding
 * (`%ff`, an overlong `%C0%AE`) makes Next answer a bare 500 before any route runs, and a control
 * character (`%00`, a newline) has no business in any id of ours. Checked on the raw path, first.
 */
export function malformedPathReason(rawPathname: string): string | null {
  for (const segment of rawPathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return "The address holds a part that is not valid percent-encoding.";
    }
    if (hasControlCharacter(decoded)) return "The address holds a control character.";
  }
  return null;
}
