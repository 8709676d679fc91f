import "server-only";
import { me, them, type StoryLine } from "@/lib/server/demo/content/story";

/** Company pages in the inbox: Sponsored InMail (one message, an ad) and a page the rep talks to. */
export type CompanyPage = {
  name: string;
  slug: string;
  tagline: string;
  /** Logo background colour. */
  color: string;
  conversationType: "normal" | "Sponsored";
  lines: readonly StoryLine[];
};

export const COMPANY_PAGES: readonly CompanyPage[] = [
  {
    name: "Orbit Cloud",
    slug: "orbit-cloud",
    tagline: "The data warehouse that scales with you",
    color: "#2563eb",
    conversationType: "Sponsored",
    lines: [
      them("Hi {me}, your data team deserves faster queries 🚀\n\nOrbit Cloud runs your existing SQL up to 8x faster at half the cost of a traditional warehouse. Teams like yours migrate in under two weeks with our free migration service.\n\n👉 Start a 30-day trial: https://orbit-cloud.example/trial?utm_source=linkedin&utm_medium=sponsored\n\nReply STOP to stop receiving these messages."),
    ],
  },
  {
    name: "Pipeline Summit 2026",
    slug: "pipeline-summit",
    tagline: "The conference for revenue leaders · Amsterdam · 14–15 October",
    color: "#db2777",
    conversationType: "Sponsored",
    lines: [
      them("{me}, you're invited to Pipeline Summit 2026 🎟️\n\n2 days, 60 speakers, 1,500 revenue leaders in Amsterdam. As a LinkedIn member you get 30% off with code LINKEDIN30 until Friday.\n\nSee the agenda: https://pipeline-summit.example/agenda"),
    ],
  },
  {
    name: "Quantive Learning",
    slug: "quantive-learning",
    tagline: "Sales training that sticks",
    color: "#059669",
    conversationType: "Sponsored",
    lines: [
      them("Top AEs negotiate differently. Our free 5-day email course shows you how 📈 https://quantive-learning.example/negotiation-course"),
    ],
  },
  {
    name: "Helix Conference Centre",
    slug: "helix-conference-centre",
    tagline: "Events and meeting spaces in Dublin's Docklands",
    color: "#7c3aed",
    conversationType: "normal",
    lines: [
      me("Hello! We're planning a customer dinner for ~30 people in Dublin in {month}. Do you have a private room available?"),
      them("Hi {me}, thanks for getting in touch! Yes, our Liffey Room seats up to 36 for dinner. Which dates are you considering?"),
      me("Either the 12th or the 19th, ideally a Thursday evening."),
      them("Both are available at the moment. I've emailed you the menus and a quote — we can hold the 19th for you for 7 days."),
    ],
  },
];
