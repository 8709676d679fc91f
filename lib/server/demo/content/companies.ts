import "server-only";
import type { DemoLanguage } from "@/lib/server/demo/content/names";

export const COMPANIES: readonly string[] = [
  "Acme Robotics", "Bluepeak Logistics", "Northwind Traders", "Lumina Health", "Quarry Labs", "Brightline Energy",
  "Tidewater Insurance", "Copperleaf Software", "Harbor & Finch", "Sundial Payments", "Vantage Retail Group",
  "Kestrel Security", "Oakmont Partners", "Polaris Biotech", "Redwood Analytics", "Saffron Foods",
  "Everbridge Capital", "Nimbus Telecom", "Granite Peak Construction", "Silverline Media", "Atlas Mobility",
  "Fable & Co", "Juniper Learning", "Helios Solar", "Monarch Hospitality", "Pinecrest Software", "Riverstone Bank",
  "Clearwater Water Tech", "Blue Orchid Cosmetics", "Ironclad Manufacturing", "Cedar & Pine Realty",
  "Orbital Freight", "Starling Health Systems", "Beacon Legal", "Cascade Outdoor", "Zenith Aerospace",
  "Marlow Consulting", "Trailhead HR", "Pioneer Agritech", "Velvet Hammer Studios", "Keystone Payroll",
  "Horizon Gulf Trading", "Mosaic Data", "Lighthouse Ventures", "Crimson Cloud", "Fjord Systems",
  "Ember Fintech", "Aurora Devices", "Bramble Grocers", "Dune Analytics", "Halcyon Travel", "Sable Mining",
];

export const ROLES: readonly string[] = [
  "VP of Sales", "Head of Revenue Operations", "Director of Marketing", "CTO", "Founder & CEO",
  "Procurement Manager", "Sales Enablement Lead", "Head of Growth", "COO", "IT Director", "CFO",
  "Director of Sales Operations", "Chief Revenue Officer", "Head of Partnerships", "RevOps Analyst",
  "Regional Sales Manager, EMEA", "Business Development Manager", "Head of Customer Success",
  "Senior Product Manager", "Data & BI Lead", "Co-founder", "Managing Director", "Head of Inside Sales",
];

/** Headlines as people in each language would write them; `{role}` and `{company}` are filled in. */
export const LOCAL_HEADLINES: Partial<Record<DemoLanguage, readonly string[]>> = {
  ja: ["{company} 営業本部長", "{company} 事業開発マネージャー", "{company} マーケティング部 部長 | BtoB SaaS"],
  ar: ["مدير المبيعات في {company}", "رئيسة قسم تطوير الأعمال | {company}", "{role} at {company} | الرياض"],
  ru: ["Руководитель отдела продаж в {company}", "Коммерческий директор | {company}", "{role} — {company}"],
  hi: ["सेल्स हेड, {company}", "{role} at {company} | बेंगलुरु", "बिज़नेस डेवलपमेंट मैनेजर — {company}"],
  zh: ["{company} 销售总监", "{role} @ {company} | 上海"],
  ko: ["{company} 영업본부장", "{role} at {company} | 서울"],
  es: ["{role} en {company}", "Compras y Procurement | {company}"],
  fr: ["{role} chez {company}", "Direction commerciale | {company}"],
  de: ["{role} bei {company}", "Vertrieb DACH | {company}"],
  pt: ["{role} na {company}", "Comercial | {company}"],
};
