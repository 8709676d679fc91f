import type { ReactNode } from "react";
import { ViewerProvider } from "@/components/viewer-context";
import { requireAdmin } from "@/lib/server/auth/page-viewer";
import { viewerSummary } from "@/lib/server/auth/viewer";

/** The team page is for admins: anyone else sees the not-found page. */
export default async function TeamLayout({ children }: { children: ReactNode }) {
  const admin = await requireAdmin();
  return <ViewerProvider viewer={viewerSummary(admin)}>{children}</ViewerProvider>;
}
