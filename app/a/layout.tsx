import type { ReactNode } from "react";
import { requireViewer } from "@/lib/server/auth/page-viewer";

/** Every inbox page needs a signed-in rep (or the demo): checked here, whatever proxy.ts let through. */
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  await requireViewer();
  return children;
}
