import type { ReactNode } from "react";
import { ViewerProvider } from "@/components/viewer-context";
import { requireViewer } from "@/lib/server/auth/page-viewer";
import { viewerSummary } from "@/lib/server/auth/viewer";

/** Every inbox page needs a signed-in rep (or the demo): checked here, whatever proxy.ts let through. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  return <ViewerProvider viewer={viewerSummary(viewer)}>{children}</ViewerProvider>;
}
