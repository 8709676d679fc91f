"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { ViewerSummary } from "@/lib/contracts/team";

const ViewerContext = createContext<ViewerSummary>({ kind: "demo" });

/** Who is signed in, as the server saw it when it rendered the page. */
export function ViewerProvider({ viewer, children }: { viewer: ViewerSummary; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ViewerSummary {
  return useContext(ViewerContext);
}
