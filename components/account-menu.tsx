"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { forgetEverything } from "@/lib/client/browser-storage";
import { signInHref } from "@/lib/client/routes";
import { useViewer } from "./viewer-context";

/**
 * The signed-in rep's menu: who they are, the Team page for admins, and signing out (which ends the
 * session on the server). In the demo there is no one to sign out: it says so instead.
 */
export function AccountMenu() {
  const viewer = useViewer();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  if (viewer.kind === "demo") {
    return (
      <span data-testid="demo-no-sign-in" className="hidden text-xs text-zinc-600 md:inline">
        Demo · no sign-in needed
      </span>
    );
  }

  const initials = viewer.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase())
    .join("");

  async function onSignOut() {
    setError(null);
    try {
      // Loaded on the tap: sign-in's parsing is no part of every page's first JavaScript.
      const { signOut } = await import("@/lib/client/auth");
      await signOut();
      forgetEverything();
      window.location.assign(signInHref());
    } catch {
      setError("Couldn't sign out. Check your connection and try again.");
    }
  }

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        data-testid="account-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex size-11 items-center justify-center rounded-full focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500 lg:size-9"
      >
        <span className="sr-only">Your account: {viewer.name}</span>
        <span aria-hidden="true" className="inline-flex size-8 items-center justify-center rounded-full bg-zinc-900 text-xs font-semibold text-surface">
          {initials || "?"}
        </span>
      </button>
      {open ? (
        <div id={menuId} role="menu" aria-label="Your account" className="absolute right-0 z-30 mt-2 w-64 rounded-xl border border-zinc-200 bg-surface p-1 shadow-lg">
          <div className="px-3 py-2">
            <p className="truncate text-sm font-medium text-zinc-900">{viewer.name}</p>
            <p className="truncate text-xs text-zinc-600">{viewer.email}</p>
          </div>
          {viewer.isAdmin ? (
            <Link role="menuitem" href="/team" data-testid="team-link" className="flex min-h-11 items-center rounded-lg px-3 text-sm text-zinc-800 hover:bg-zinc-100">
              Team
            </Link>
          ) : null}
          <button
            type="button"
            role="menuitem"
            data-testid="sign-out"
            onClick={() => void onSignOut()}
            className="flex min-h-11 w-full items-center rounded-lg px-3 text-left text-sm text-zinc-800 hover:bg-zinc-100"
          >
            Sign out
          </button>
          {error ? (
            <p role="alert" className="px-3 py-2 text-xs text-red-700">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
