import "server-only";

/** The built-in demo account: its Linkup credentials exist only inside this process. */
export const DEMO_ACCOUNT = {
  apiKey: "demo-key",
  accountId: "demo-account",
  selfProfileUrl: "https://www.linkedin.com/in/threadline-demo-rep/",
  label: "Demo account",
} as const;

/** The sales rep who owns the demo mailbox. */
export const DEMO_REP = {
  firstName: "Jordan",
  lastName: "Ellis",
  displayName: "Jordan Ellis",
  headline: "Account Executive at Cobalt Analytics · Revenue intelligence for B2B sales teams",
  profileUrl: DEMO_ACCOUNT.selfProfileUrl,
  company: "Cobalt Analytics",
  product: "Cobalt",
} as const;
