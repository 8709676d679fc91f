/**
 * The accounts list's query key, on its own so the app's query client (app/providers.tsx) can name it
 * without the whole key factory: importing query-keys.ts there made Turbopack copy it into the root
 * layout's scripts (250 B more on every page).
 */
export const ACCOUNTS_KEY = ["threadline", "accounts"] as const;
