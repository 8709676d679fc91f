import "server-only";

/**
 * Lines for the demo's 2,000+ message thread: a months-long enterprise rollout with one champion.
 * Placeholders: {day}, {time}, {n}, {pct}, {region}, {colleague}, {week}.
 */
export type LongThreadPhase = {
  name: string;
  /** Fraction of the thread's middle spent in this phase. */
  share: number;
  fromThem: readonly string[];
  fromMe: readonly string[];
};

export const LONG_THREAD_PHASES: readonly LongThreadPhase[] = [
  {
    name: "evaluation",
    share: 0.1,
    fromThem: [
      "Morning {me}! Can you walk {colleague} through the deal-risk model? She's skeptical 😄",
      "How does the scoring handle multi-year deals?",
      "Our board wants forecast accuracy within 5%. Realistic?",
      "We have about 40 custom fields on the Opportunity object, is that a problem?",
      "Legal asked if you can do a 3-year MSA with annual payments.",
      "Can you send the reference contacts you mentioned?",
      "The POC dashboard looks great. {colleague} said it's the first time she trusted a forecast number.",
      "Can we get a sandbox for the {region} team as well?",
      "What's the catch? 😅 This seems too easy so far.",
      "Quick one — is SSO included or an add-on?",
    ],
    fromMe: [
      "Absolutely — I'll set up 30 minutes with {colleague} on {day}.",
      "Multi-year deals are scored on the current-year value; the rest shows as a separate line in the forecast.",
      "Within 5% is realistic after two full quarters of data. Most teams your size get there by Q3.",
      "Not a problem at all. We map custom fields during onboarding, takes about an hour.",
      "Yes, 3-year MSA with annual payments works. I'll ask legal for the redline by {day}.",
      "Sent both references by email — one in logistics, one in manufacturing.",
      "That's the best feedback I could ask for 🙌",
      "Sandbox for {region} is live: https://app.cobalt-analytics.example/sandbox/meridian-{region}",
      "Ha! The catch is you'll have to actually update close dates now 😄",
      "SSO (SAML + SCIM) is included on the Enterprise plan.",
    ],
  },
  {
    name: "procurement",
    share: 0.08,
    fromThem: [
      "Procurement is asking for the DPA and the subprocessor list.",
      "Security questionnaire is back with {n} follow-up questions, sending now.",
      "Can we pay quarterly instead of annually in year one?",
      "Our CFO wants a price lock for renewal. Possible?",
      "The redlines are with your legal team since {day}, any news?",
      "We're almost there. Last item is the liability cap.",
      "Signed!!! 🎉🎉🎉",
      "Finance needs a W-9 and your bank details on letterhead.",
    ],
    fromMe: [
      "DPA and subprocessor list attached in the email thread, also here: https://trust.cobalt-analytics.example",
      "Got them — answers back by {day}.",
      "Quarterly in year one works, I've updated the order form.",
      "I can lock renewal pricing with a 5% cap. Good?",
      "Chasing legal now, I'll have an answer by end of day.",
      "Legal agreed to 12 months of fees as the cap.",
      "🎉 THANK YOU {first}! Huge day. Onboarding kickoff invite coming shortly.",
      "Both sent to finance@ — let me know if anything is missing.",
    ],
  },
  {
    name: "implementation",
    share: 0.27,
    fromThem: [
      "Salesforce sync finished overnight, {n}k opportunities imported 👍",
      "Stage mapping looks off for the {region} pipeline — 'Negotiation' is showing as 'Proposal'.",
      "Okta SSO is working for admins but users get a 403.",
      "Can we exclude renewals from the new-business forecast?",
      "The {region} team wants the week to start on Sunday in their views.",
      "IT asked whether the Chrome extension needs admin install.",
      "Data looks right now. {colleague} checked {n} deals by hand.",
      "Is there a way to bulk-assign managers? We have {n} of them.",
      "Gong integration connected. Scores changed a lot for a few deals, expected?",
      "Sorry, another one: historical snapshots only go back 6 months?",
      "Kickoff deck for the managers is ready, can you review? https://docs.google.com/presentation/d/1meridian-kickoff",
      "The weekly digest went to the whole company instead of managers 🙈",
    ],
    fromMe: [
      "Great! First scores should be ready in about 30 minutes.",
      "Good catch — the {region} stage names have a trailing space. Fixed the mapping, resyncing now.",
      "That's SCIM: users need to be assigned to the Cobalt app in Okta. Can you check group 'cobalt-users'?",
      "Yes: Settings → Forecast → exclude record type 'Renewal'. Done it for you.",
      "Week start is per-team; I set {region} to Sunday.",
      "No admin install needed, but you can push it via Google Admin if you prefer.",
      "Thanks {colleague}! 🙏",
      "Bulk assignment via CSV upload: https://docs.cobalt-analytics.example/admin/bulk-managers",
      "Yes, expected: call signals weigh in now. Deals with no calls in 3 weeks dropped the most.",
      "We can backfill 24 months from Salesforce field history — running it tonight.",
      "Reviewed, left {n} small comments. Looks great overall.",
      "Oops — the digest audience defaulted to 'All users'. Changed it to managers only, and sorry for the noise!",
    ],
  },
  {
    name: "rollout",
    share: 0.3,
    fromThem: [
      "{region} training went well, {n} people attended.",
      "Adoption this week: {pct}% of reps logged in at least 3 times 📈",
      "Managers love the deal-risk view. Reps… less so 😅",
      "Can we get a refresher session for new joiners in {region}?",
      "{colleague} used the forecast in the exec meeting today, first time without a spreadsheet!",
      "A few reps are asking if they can hide deals from the manager view.",
      "The mobile app crashes when opening a deal with 200+ activities.",
      "Translation request: can the digest go out in German for the DACH team?",
      "Our VP wants a leaderboard. Can {product} do that?",
      "Week {week} numbers: forecast was off by {pct}%.",
    ],
    fromMe: [
      "Amazing turnout! Recording is here: https://cobalt-analytics.example/r/meridian-{region}-training",
      "{pct}% is above our benchmark for month one 🙌",
      "Classic 😄 The trick is showing reps the 'my deals at risk' list — it helps them, not just managers.",
      "Sure — {day} at {time}?",
      "That's a milestone! Please tell {colleague} I said congrats.",
      "By design they can't; but private notes stay private. Happy to explain the reasoning to them.",
      "Reproduced it, fix ships in {n} days. Workaround: open the deal on desktop for now.",
      "German digest is supported — Settings → Language per team. Switched DACH to German.",
      "Leaderboards exist but we suggest tracking pipeline created, not just closed-won. Want me to set one up?",
      "That's the best week so far! Trend is going the right way.",
    ],
  },
  {
    name: "operations",
    share: 0.25,
    fromThem: [
      "QBR deck attached. Can you add the adoption numbers on slide {n}?",
      "Feature request: alert when a deal's close date moves more than twice.",
      "Salesforce sync looks delayed today, ~{n} minutes behind.",
      "We're restructuring territories on the 1st, anything we need to do?",
      "Who's our CSM now that Laura left?",
      "{colleague} asked for an export of all deal scores for the board pack.",
      "Quick sanity check: should the Q{n} commit include the Pacific deal?",
      "Can you join our sales kickoff in Lisbon? 20 minutes on forecasting best practices 🇵🇹",
      "We hit {pct}% forecast accuracy this quarter. Best ever.",
      "Another bug: filters reset when I switch tabs.",
    ],
    fromMe: [
      "Added adoption + accuracy trend on slide {n} 👍",
      "Love it — logged as FR-{n}. Product says it's on the roadmap for next quarter.",
      "Checked: a Salesforce API limit was hit at 09:00. Catching up now, should be real-time within the hour.",
      "Upload the new territory mapping by the 30th and we'll switch over at midnight.",
      "That's Miguel — he'll reach out today. He's great.",
      "Export is ready: https://app.cobalt-analytics.example/exports/meridian-scores.csv",
      "I'd keep it in best case: no exec meeting in 3 weeks and the risk score dropped to 38.",
      "Would love to! Sending travel dates to {colleague}.",
      "🎉 That's a huge result. Mind if I share it (anonymised) with our product team?",
      "Known issue, fix is in this week's release. Sorry about that!",
    ],
  },
];

/** The end of the thread, in order: the renewal and expansion. */
export const LONG_THREAD_CLOSING: readonly { fromMe: boolean; text: string }[] = [
  { fromMe: false, text: "Renewal is in 6 weeks. We want to add the APAC team, ~60 seats." },
  { fromMe: true, text: "That's great news! I'll prepare an expansion proposal by Thursday." },
  { fromMe: false, text: "Procurement will push for a discount, just warning you 😅" },
  { fromMe: true, text: "Ha, noted. I'll make sure there's room for a sensible conversation." },
  { fromMe: false, text: "Can you send an updated order form with APAC included?" },
  { fromMe: true, text: "Updated order form is in DocuSign now." },
  { fromMe: false, text: "Thank you for everything this year, Jordan. Genuinely one of the best vendor relationships we have." },
  { fromMe: true, text: "That means a lot, Evelyn. Same here — it's been a pleasure working with you and the team 🙏" },
  { fromMe: false, text: "Board approved the APAC expansion 🎉 Let's get the order form signed this week!" },
];

export const LONG_THREAD_COLLEAGUES: readonly string[] = ["Marco", "Aiko", "Fatima", "Tom", "Ingrid", "Rahul", "Chloé"];
export const LONG_THREAD_REGIONS: readonly string[] = ["emea", "apac", "latam", "na", "dach", "nordics"];

/** Occasional long messages, so the thread also shows what a wall of text looks like. */
export const LONG_THREAD_RECAPS: readonly string[] = [
  "Recap of today's steering call:\n\n1. Adoption: {pct}% weekly active reps (target 80%).\n2. Forecast accuracy: within {n}% for the last 4 weeks.\n3. Open issues: stage mapping for {region} (fixed), digest language for DACH (fixed), mobile crash on large deals (fix ships next week).\n4. Next steps: manager refresher on {day}, QBR prep with {colleague}, territory change on the 1st.\n\nShout if I missed anything!",
  "Long one, sorry 🙈 Here's what we agreed for the {region} rollout:\n\n— Week 1: admins + managers, sandbox only\n— Week 2: all reps, read-only forecast\n— Week 3: reps start using the deal-risk view in 1:1s\n— Week 4: first forecast call run entirely in Cobalt\n\nSuccess criteria: 70% weekly active reps, forecast call under 45 minutes, and no spreadsheet in the exec meeting. If we miss any of those, we pause and fix before moving on to the next region.",
];

export const LONG_THREAD_SHARED_POSTS: readonly string[] = [
  "Thought you'd like this one 😄 https://www.linkedin.com/posts/meridian-freight_revops-forecasting-activity-7200000000000000001",
  "Our CRO posted about the rollout! https://www.linkedin.com/posts/meridian-freight_sales-kickoff-activity-7200000000000000002",
];
