import "server-only";
import { invitation, me, sharedPost, them, type Story } from "@/lib/server/demo/content/story";

/** How conversations start: the first chapter of every regular demo conversation. */
export const OPENING_STORIES: readonly Story[] = [
  {
    conversationType: "normal",
    minLines: 1,
    lines: [
      me("Hi {first} — noticed {company} is hiring SDRs across EMEA. Teams at that stage usually struggle to see which deals are actually moving. We help RevOps leaders get a live view of pipeline health without another spreadsheet. Worth a 15-minute look?"),
      me("Bumping this up, {first} — happy to send a 2-minute Loom instead if that's easier."),
      me("Last note from me! If pipeline visibility isn't a priority this quarter, no worries at all. I'll check back after {quarter} planning."),
    ],
  },
  {
    conversationType: "normal",
    minLines: 1,
    lines: [
      me("Congrats on the Series B, {first}! 🎉 Saw the announcement this morning. When teams double headcount the forecast call usually gets painful — is that on your radar yet?"),
      them("Thanks {me}! Ha, it's already painful. What do you have in mind?"),
      me("We plug into your CRM and call recorder and flag deals that are slipping before the forecast call does. Here's a 3-minute walkthrough: https://cobalt-analytics.example/tour"),
      them("Interesting. Send me a couple of times next week?"),
      me("{day} at {time} or Thursday at 4pm CET? Or grab whatever suits you here: {calendar}"),
      them("Booked {day} 👍"),
    ],
  },
  {
    conversationType: "normal",
    minLines: 1,
    lines: [
      me("Hi {first}, {refName} mentioned you're rethinking how {company} runs pipeline reviews. I work with a few teams in the same spot — open to comparing notes?"),
      them("Hi {me}, yes {refName} told me you'd reach out. We're mid-evaluation actually."),
      me("Great timing then. Who else is on the shortlist, if you don't mind me asking? Happy to be honest about where we're a fit and where we're not."),
      them("Clari and one other. Our main issue is adoption — reps never update next steps."),
      me("That's exactly where we're different: next steps are pulled from call notes and emails automatically, reps don't have to type anything. Want me to show you on a sandbox with your stages?"),
    ],
  },
  {
    conversationType: "normal",
    minLines: 2,
    lines: [
      them("Hi {me}, a friend at {refCompany} recommended {product}. We're evaluating forecasting tools — do you integrate with HubSpot?"),
      me("Hi {first}! Yes — native two-way sync with HubSpot and Salesforce, and most teams are live within a week. How many reps would be using it?"),
      them("Around {seats} quota-carrying reps plus managers."),
      me("Perfect size for us. For a team of {seats} we usually land around {price}/seat/month on an annual plan, SSO included. Happy to walk you through a demo?"),
      them("That's within range. Can you send a deck first so I can share internally?"),
      me("Of course, here you go: https://cobalt-analytics.example/deck/{slug}?utm_source=linkedin — it has two customer stories from teams your size."),
    ],
  },
  {
    conversationType: "normal",
    minLines: 1,
    lines: [
      invitation("me", "Hi {first}, enjoyed your post on outbound benchmarks — would love to connect."),
      them("Thanks for the note, {me}! Happy to connect."),
      me("Likewise! If you ever want to compare notes on ramp time for new AEs, I'm around."),
    ],
  },
  {
    conversationType: "normal",
    minLines: 1,
    lines: [
      invitation("them", "Hi {me}, we met briefly at SaaStr — I was the one asking about forecast accuracy 😄 Would love to stay in touch."),
      me("Of course I remember! Great to connect, {first}. How did the rest of the conference go?"),
      them("Exhausting but worth it. Let's grab a virtual coffee in a couple of weeks?"),
    ],
  },
  {
    conversationType: "normal",
    minLines: 1,
    lines: [
      invitation("them", "Hello {me}, I lead sales ops at {company}. I'd like to add you to my professional network."),
    ],
  },
  {
    conversationType: "normal",
    minLines: 1,
    lines: [
      sharedPost("them", "Saw this and thought of our conversation 👇 https://www.linkedin.com/posts/{slug}_forecasting-revops-activity-7191234567890123456"),
      me("Great read, thanks {first}! The bit about multi-threading late-stage deals is spot on — that's most of what our deal-risk score looks at."),
    ],
  },
  {
    conversationType: "normal",
    minLines: 1,
    lines: [
      sharedPost("me", "Our 2026 State of Pipeline report is out — the win-rate benchmarks for companies around {company}'s size are on page 12: https://cobalt-analytics.example/reports/state-of-pipeline-2026"),
      them("Nice, will read it on the train tomorrow."),
      them("OK read it. The stat about deals with a single contact losing 2.3x more often — is that across all segments?"),
      me("Across mid-market and enterprise, yes. SMB is noisier, so we left it out. Happy to share the raw breakdown if useful."),
    ],
  },
  {
    conversationType: "inmail",
    minLines: 1,
    lines: [
      me("Hi {first}, I know InMails from strangers are rarely welcome, so I'll be brief. We help revenue teams at companies like {refCompany} cut forecast misses by about a third, mostly by catching deals that stall before the quarter ends.\n\nIf forecast accuracy is something {company} is working on this year, I'd love to show you how — 20 minutes, no slides. If not, just tell me and I won't follow up."),
      them("Not a priority right now, but thanks for keeping it short."),
      me("Appreciate the reply, {first}! I'll leave it there. All the best for {quarter}."),
    ],
  },
  {
    conversationType: "inmail",
    minLines: 1,
    lines: [
      them("Hi {me} 👋 I'm recruiting for a Senior Account Executive role at a Series C fintech (remote-first, EMEA, €140k OTE + equity). Your background at {myCompany} looks like a strong fit. Open to a quick chat this week?"),
      me("Thanks {first}, appreciate you reaching out. I'm happy where I am for now, but feel free to keep me in mind."),
      them("Totally understand — I'll check back in six months. Good luck with the quarter!"),
    ],
  },
  {
    conversationType: "inmail",
    minLines: 1,
    lines: [
      them("Hi {me}, I'm organising a roundtable for revenue leaders in {city} on {day} evening (dinner, 12 people, no vendors pitching). Would you like to join as a guest?"),
      me("That sounds great, {first} — count me in if there's still a seat. Anything I should prepare?"),
      them("Just bring one forecasting horror story 😅 I'll send the details by email."),
    ],
  },
  {
    conversationType: "normal",
    minLines: 2,
    lines: [
      them("Hey {me}, quick one: do you have an API? Our data team wants to pull deal scores into Snowflake."),
      me("Yes — REST API plus a nightly export to Snowflake, BigQuery or S3. Docs are here: https://docs.cobalt-analytics.example/api/v2/deal-scores"),
      them("Perfect, that unblocks it. Thank you!"),
    ],
  },
];

/** What happens next in a relationship: later chapters of a conversation, weeks after the opening. */
export const FOLLOW_UP_STORIES: readonly Story[] = [
  {
    conversationType: "normal",
    lines: [
      them("Thanks for the demo yesterday, {me}. The team liked the deal-risk view a lot."),
      me("So glad to hear it! Recap for everyone who couldn't join:\n\n• Problem: forecast misses of 15–20% two quarters in a row, mostly late-stage slips\n• What we showed: deal-risk scores, next-step extraction from calls, weekly manager digest\n• Integrations: Salesforce (two-way), Gong, Google Workspace\n• Pricing: {price}/seat/month, annual, {seats} seats\n• Next step: 2-week pilot with the EMEA team starting {day}\n\nSlides: https://cobalt-analytics.example/deck/{slug}\nRecording: https://cobalt-analytics.example/r/{slug}-demo\n\nAnything I missed?"),
      them("That's a great summary. Can we limit access by region during the pilot?"),
      me("Yes — permissions follow your Salesforce role hierarchy, so EMEA managers only see EMEA deals. I'll set it up that way."),
      them("👍 Let's go then."),
    ],
  },
  {
    conversationType: "normal",
    minLines: 1,
    lines: [
      them("We reviewed the proposal. {price} per seat is above what we budgeted for this year, to be honest."),
      me("Understood, and thanks for being upfront. If we move to a two-year term I can do {discount}% off, and I can phase the seats so you only pay for managers in the first quarter."),
      them("Let me take that to our CFO."),
      them("CFO is OK with two years if we can start on the 1st of {month}."),
      me("Done. I'll send the order form via DocuSign today 🎉"),
      them("Signed! Welcome aboard, I guess it's us who are on board 😄"),
      me("Ha! Thank you {first}, really excited to work with the {company} team. Your onboarding lead will reach out tomorrow."),
    ],
  },
  {
    conversationType: "normal",
    minLines: 1,
    lines: [
      me("Hi {first}, following up on our call — did you get a chance to discuss the pilot with your team?"),
      them("Honestly, we just renewed with another vendor for a year, so not before {quarter}."),
      me("Totally fair. Mind if I reach out again a couple of months before the renewal?"),
      them("Sure, that works."),
    ],
  },
  {
    conversationType: "normal",
    lines: [
      me("Hi {first}, quick check-in — how's the team finding the new forecast view?"),
      them("Loving it. The weekly digest saved us 30 minutes on the Monday pipeline call 🙌"),
      me("That's great to hear! Would you be open to a short case study? Totally fine if not."),
      them("Let me check with marketing, but I think yes."),
    ],
  },
  {
    conversationType: "normal",
    lines: [
      them("Hey {me}, my former colleague {refName} at {refCompany} is looking for something like {product}. Mind if I intro you by email?"),
      me("Would be amazing, thank you {first}! 🙏"),
      them("Done — check your inbox."),
      me("Got it, replied. I owe you a coffee ☕"),
    ],
  },
  {
    conversationType: "normal",
    lines: [
      them("Something came up — can we move tomorrow's call to {day}?"),
      me("No problem! {day} at {time} works. I've updated the invite."),
      them("Thanks 🙏"),
    ],
  },
  {
    conversationType: "normal",
    minLines: 2,
    lines: [
      them("Our security team needs your SOC 2 Type II report and a completed SIG Lite questionnaire before we can go further."),
      me("Of course — everything is in our trust center: https://trust.cobalt-analytics.example (NDA click-through). I'll have the SIG Lite back to you by {day}."),
      them("Got it. Also, where is the data hosted?"),
      me("EU customers are hosted in Frankfurt (AWS eu-central-1); nothing leaves the EU, including backups. Subprocessors are listed on the same page."),
      them("Perfect, that answers it."),
    ],
  },
  {
    conversationType: "normal",
    lines: [
      them("We started the trial but can't connect Salesforce — getting \"OAuth error: invalid_grant\"."),
      me("Sorry about that! That usually means the connected user doesn't have API access enabled. Could you check the profile has \"API Enabled\" ticked?"),
      them("That was it. Syncing now ✅"),
      me("Great! First scores show up after the initial sync, usually 20–30 minutes for a CRM your size."),
    ],
  },
  {
    conversationType: "normal",
    minLines: 1,
    lines: [
      me("Hi {first}, hope {month} is off to a good start. We just shipped territory-level forecasting, which you asked about back in the spring. Want a quick look?"),
      them("Oh nice, yes! Can you do {day}?"),
      me("{day} at {time} works — invite on its way."),
    ],
  },
  {
    conversationType: "normal",
    lines: [
      them("Are you going to be at Dreamforce next week?"),
      me("I am! Around the Moscone West on Tuesday and Wednesday. Want to grab a coffee?"),
      them("Tuesday 3pm at the Blue Bottle on Mint Plaza?"),
      me("See you there ☕"),
    ],
  },
  {
    conversationType: "normal",
    minLines: 1,
    lines: [
      me("Hi {first}, just saw your post about the new role — congratulations! 🎊 {company} is lucky to have you."),
      them("Thank you {me}! Still drinking from the firehose, but excited."),
      me("Once you've settled in, I'd love to hear how the team runs forecasting today. No rush at all."),
    ],
  },
  {
    conversationType: "normal",
    lines: [
      them("Quick question before our QBR: can we get the win-rate by lead source split by quarter? Leadership keeps asking for it."),
      me("Yes — it's under Reports → Win rate → group by \"Lead source\" and \"Close quarter\". I've also saved a copy in your workspace: https://app.cobalt-analytics.example/r/{slug}/win-rate-by-source"),
      them("You're a lifesaver."),
    ],
  },
  {
    conversationType: "normal",
    minLines: 2,
    lines: [
      them("Heads-up: our CFO wants to cut tooling spend by 20% next year. I'm fighting for {product} but I need ammunition."),
      me("Thanks for telling me early, {first}. I'll put together a one-pager with the numbers from your workspace: forecast accuracy before/after, hours saved per manager, and the two deals the risk score flagged in time. Would Thursday work?"),
      them("Thursday is perfect."),
      me("Here it is: https://cobalt-analytics.example/roi/{slug}.pdf — the headline is 6.5 hours/month saved per manager and forecast error down from 18% to 7%."),
      them("This is exactly what I needed. Thank you!"),
    ],
  },
];
