/**
 * Where images may load from: our own origin and LinkedIn's media hosts. The CSP (proxy.ts) says
 * so to the browser; the UI shows a picture from anywhere else as a link instead of loading it,
 * so a tracking pixel in a message never learns who read it.
 */
export const LINKEDIN_MEDIA_SOURCES = ["https://media.licdn.com", "https://*.licdn.com"] as const;

export function isLinkedInMediaUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === "https:" && (hostname === "licdn.com" || hostname.endsWith(".licdn.com"));
  } catch {
    return false;
  }
}
