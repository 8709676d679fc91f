"use client";

import { Suspense, useEffect, useId, useRef, useState } from "react";
import { initials } from "@/lib/client/format";
import { lazyComponent } from "@/lib/client/lazy-code";
import { whenIdle } from "@/lib/client/when-idle";
import { useViewer } from "./viewer-context";

// What the menu holds loads when the page is idle, not with it.
const { Component: AccountMenuItems, preload: preloadAccountMenuItems } = lazyComponent(() => import("./account-menu-items").then((m) => m.AccountMenuItems));

/**
 * The signed-in rep's menu: who they are, the Team page for admins, and signing out (which ends the
 * session on the server). In the demo there is no one to sign out: it says so instead. A disclosure,
 * not an ARIA menu: its two items are reached with Tab, as the links and buttons they are.
 */
export function AccountMenu() {
  const viewer = useViewer();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const member = viewer.kind === "member";

  useEffect(() => (member ? whenIdle(() => void preloadAccountMenuItems()) : undefined), [member]);
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        // Focus in the menu would drop to the page as the menu goes: back to the button that opened it
        // (while the menu is open, focus is there or on that button: it closes as focus leaves).
        button.current?.focus();
        setOpen(false);
      } else if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const events = ["pointerdown", "keydown", "focusin"] as const;
    for (const type of events) document.addEventListener(type, close);
    return () => {
      for (const type of events) document.removeEventListener(type, close);
    };
  }, [open]);

  if (viewer.kind === "demo") {
    return (
      <span data-testid="demo-no-sign-in" className="hidden text-xs text-zinc-600 md:inline">
        Demo · no sign-in needed
      </span>
    );
  }

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        data-testid="account-menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex size-11 items-center justify-center rounded-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500 mouse:lg:size-9"
      >
        <span className="sr-only">Your account: {viewer.name}</span>
        <span aria-hidden="true" className="inline-flex size-8 items-center justify-center rounded-full bg-zinc-900 text-xs font-semibold text-surface">
          {initials(viewer.name)}
        </span>
      </button>
      {open ? (
        <Suspense fallback={null}>
          <AccountMenuItems id={menuId} viewer={viewer} />
        </Suspense>
      ) : null}
    </div>
  );
}
