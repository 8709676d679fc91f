import "server-only";
import { DEMO_REP } from "@/lib/server/demo/account";
import { COMPANIES } from "@/lib/server/demo/content/companies";
import type { DemoPerson } from "@/lib/server/demo/model";
import type { SeededRandom } from "@/lib/server/demo/random";

export type TemplateVariables = Readonly<Record<string, string>>;

/** Replaces each `{name}` with its variable; unknown names are left as they are. */
export function fillTemplate(template: string, variables: TemplateVariables): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => variables[name] ?? placeholder);
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"] as const;
const TIMES = ["9:30", "10:00", "11:30", "14:00", "15:30", "16:00"] as const;
const MONTHS = ["January", "February", "March", "April", "May", "June", "September", "October", "November"] as const;
const CITIES = ["London", "Berlin", "New York", "Austin", "Amsterdam", "Paris", "Singapore", "Toronto"] as const;
const REFERRERS = ["Sam Whitfield", "Marta Kowalska", "Ben Osei", "Hiro Nakamura", "Claire Dubois", "Luis Ortega"] as const;

/** How people are addressed: given name, but family name in Japanese and the full name in Chinese and Korean. */
function addressName(person: DemoPerson): string {
  if (person.language === "ja") return person.lastName;
  if (person.language === "zh" || person.language === "ko") return person.displayName;
  return person.firstName;
}

/** The per-conversation facts a story's placeholders refer to: the same all through one conversation. */
export function conversationVariables(person: DemoPerson, random: SeededRandom): TemplateVariables {
  const seats = random.pick([12, 18, 25, 40, 60, 85, 120, 200]);
  return {
    me: DEMO_REP.firstName,
    myCompany: DEMO_REP.company,
    product: DEMO_REP.product,
    first: addressName(person),
    company: person.company,
    slug: person.company.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, ""),
    day: random.pick(WEEKDAYS),
    time: random.pick(TIMES),
    seats: String(seats),
    price: `$${random.pick([39, 45, 49, 59, 65, 79])}`,
    discount: String(random.pick([8, 10, 12, 15])),
    quarter: random.pick(["Q1", "Q2", "Q3", "Q4"]),
    month: random.pick(MONTHS),
    city: random.pick(CITIES),
    refName: random.pick(REFERRERS),
    refCompany: random.pick(COMPANIES),
    calendar: "https://cal.cobalt-analytics.example/jordan-ellis/30min",
  };
}
