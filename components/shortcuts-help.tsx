"use client";

import { Suspense, useEffect, useState } from "react";
import { lazyComponent } from "@/lib/client/lazy-code";
import { useShortcuts } from "@/lib/client/shortcuts";
import { whenIdle } from "@/lib/client/when-idle";

const { Component: ShortcutsDialog, preload: preloadShortcutsDialog } = lazyComponent(() => import("./shortcuts-dialog").then((m) => m.ShortcutsDialog));

/** `?` opens the cheat sheet. Its code loads when the page is idle, not with the page. */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  useShortcuts({ help: () => setOpen(true) });
  useEffect(() => whenIdle(() => void preloadShortcutsDialog()), []);
  return open ? (
    <Suspense fallback={null}>
      <ShortcutsDialog onClose={() => setOpen(false)} />
    </Suspense>
  ) : null;
}
