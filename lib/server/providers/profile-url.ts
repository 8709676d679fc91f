import "server-only";

/**
 * A comparable key for a LinkedIn profile URL: providers differ in scheme, host, case,
 * query strings and the trailing slash ("…/in/jane-doe-42" vs "…/in/jane-doe-42/").
 */
export function profileKey(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = url.trim();
  if (trimmed === "") return undefined;
  try {
    const parsed = new URL(trimmed.includes("://") ? trimmed : `https://${trimmed}`);
    const host = parsed.hostname.toLowerCase().replace(/^(www|[a-z]{2})\./, "");
    const path = decodeURIComponent(parsed.pathname).replace(/\/+$/, "").toLowerCase();
    return `${host}${path}`;
  } catch {
    return trimmed.replace(/\/+$/, "").toLowerCase();
  }
}

export function isProfileUrl(id: string): boolean {
  return /^https?:\/\/([a-z0-9-]+\.)*linkedin\.com\/(in|company)\//i.test(id);
}
