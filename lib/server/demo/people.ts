import "server-only";
import { COMPANIES, LOCAL_HEADLINES, ROLES } from "@/lib/server/demo/content/companies";
import { LATIN_NAME_POOLS, NON_LATIN_NAMES, type DemoLanguage } from "@/lib/server/demo/content/names";
import type { DemoPerson } from "@/lib/server/demo/model";
import type { SeededRandom } from "@/lib/server/demo/random";
import { fillTemplate } from "@/lib/server/demo/templates";

const SPECIAL_LETTERS: Readonly<Record<string, string>> = { ø: "o", ß: "ss", ł: "l", æ: "ae", đ: "d" };

/** A LinkedIn-style vanity slug: ASCII, lowercase, hyphenated. */
export function profileSlug(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[øßłæđ]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function memberProfileUrl(slug: string): string {
  return `https://www.linkedin.com/in/${slug}`;
}

function headlineFor(language: DemoLanguage, company: string, random: SeededRandom): string {
  const role = random.pick(ROLES);
  const local = LOCAL_HEADLINES[language];
  if (local !== undefined && random.chance(0.6)) return fillTemplate(random.pick(local), { role, company });
  return `${role} at ${company}`;
}

/** Many real vanity URLs carry a short suffix (`jane-doe-42`, `jane-doe-3b1a2c7`). */
function vanitySuffix(random: SeededRandom): string {
  if (random.chance(0.4)) return "";
  return random.chance(0.3) ? `-${random.int(2, 99)}` : `-${random.int(0x1000000, 0xfffffff).toString(16)}`;
}

/**
 * `count` distinct people for the regular conversations: everyone with a non-Latin name once, the rest
 * drawn from Latin-script name pools, shuffled together so scripts mix all through the inbox.
 */
export function buildCast(count: number, random: SeededRandom): DemoPerson[] {
  const people: DemoPerson[] = [];
  const takenNames = new Set<string>();
  const add = (person: Omit<DemoPerson, "headline" | "company" | "isOrganization">, company: string): void => {
    takenNames.add(person.displayName);
    people.push({ ...person, company, headline: headlineFor(person.language, company, random), isOrganization: false });
  };

  for (const name of NON_LATIN_NAMES) {
    add({ ...name, profileUrl: memberProfileUrl(`${name.slug}${vanitySuffix(random)}`) }, random.pick(COMPANIES));
  }
  while (people.length < count) {
    const pool = random.pick(LATIN_NAME_POOLS);
    const firstName = random.pick(pool.firstNames);
    const lastName = random.pick(pool.lastNames);
    const displayName = `${firstName} ${lastName}`;
    if (takenNames.has(displayName)) continue;
    const slug = `${profileSlug(displayName)}${vanitySuffix(random)}`;
    add({ firstName, lastName, displayName, language: pool.language, profileUrl: memberProfileUrl(slug) }, random.pick(COMPANIES));
  }

  for (let index = people.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    const here = people[index];
    const there = people[other];
    if (here === undefined || there === undefined) continue;
    people[index] = there;
    people[other] = here;
  }
  return people.slice(0, count);
}
