/** The inbox's categories, with no schema: pages import these without loading zod (see lib/client/response-schemas.ts). */
export const CATEGORIES = ["INBOX", "UNREAD", "MY_CONNECTIONS", "INMAIL", "STARRED"] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  INBOX: "Inbox",
  UNREAD: "Unread",
  MY_CONNECTIONS: "My connections",
  INMAIL: "InMail",
  STARRED: "Starred",
};
