import "server-only";
import { DEMO_REP } from "@/lib/server/demo/account";
import type { CompanyPage } from "@/lib/server/demo/content/company-pages";
import { conversationUrn, messageUrn } from "@/lib/server/demo/ids";
import type { DemoConversation, DemoMessage, DemoPerson } from "@/lib/server/demo/model";
import type { SeededRandom } from "@/lib/server/demo/random";
import { fillTemplate } from "@/lib/server/demo/templates";
import { layOutBeforeAnchor, replyGap } from "@/lib/server/demo/timeline";

const COMPANY_PAGE_SEED_BASE = 200;

/** A logo as an inline SVG: a coloured tile with the initial, so nothing is fetched from elsewhere. */
function logoDataUrl(name: string, color: string): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" rx="10" fill="${color}"/>` +
    `<text x="32" y="43" font-family="Arial, Helvetica, sans-serif" font-size="30" font-weight="700" fill="#fff" text-anchor="middle">${name.charAt(0)}</text>` +
    `</svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}

function pagePerson(page: CompanyPage): DemoPerson {
  return {
    firstName: page.name,
    lastName: "",
    displayName: page.name,
    headline: page.tagline,
    company: page.name,
    profileUrl: `https://www.linkedin.com/company/${page.slug}`,
    pictureUrl: logoDataUrl(page.name, page.color),
    isOrganization: true,
    language: "en",
  };
}

export function buildCompanyPageConversation(
  page: CompanyPage,
  pageIndex: number,
  lastMsBeforeAnchor: number,
  random: SeededRandom,
): DemoConversation {
  const seed = COMPANY_PAGE_SEED_BASE + pageIndex;
  const gaps = page.lines.map((line, index) => replyGap(page.lines[index - 1]?.from === line.from, random));
  const times = layOutBeforeAnchor(gaps, lastMsBeforeAnchor);
  const messages: DemoMessage[] = page.lines.map((line, index) => ({
    fromMe: line.from === "me",
    text: fillTemplate(line.text, { me: DEMO_REP.firstName, month: "June" }),
    type: line.type,
    msBeforeAnchor: times[index] ?? lastMsBeforeAnchor,
    entityUrn: messageUrn(seed, index),
  }));
  const isSponsored = page.conversationType === "Sponsored";
  const last = messages.at(-1);
  return {
    conversationId: conversationUrn(seed),
    participant: pagePerson(page),
    type: page.conversationType,
    isConnection: false,
    isStarred: false,
    // Sponsored InMail nobody opened yet, except the oldest one.
    unread: last !== undefined && !last.fromMe && (!isSponsored || pageIndex < 2) ? 1 : 0,
    messages,
    seenMsBeforeAnchor: isSponsored ? undefined : last?.msBeforeAnchor,
  };
}
