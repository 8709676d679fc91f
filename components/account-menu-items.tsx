"use client";

import Link from "next/link";
import { useState } from "react";
import type { ViewerSummary } from "@/lib/contracts/team";
import { forgetEverything } from "@/lib/client/browser-storage";
import { signInHref } from "@/lib/client/routes";

/** The open account menu (AccountMenu): who is signed in, the Team page for admins, and signing out. */
export function AccountMenuItems({ id, viewer }: { id: string; viewer: Extract<ViewerSummary, { kind: "member" }> }) {
  const [error, setError] = useState<string | null>(null);

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
    <div id={id} role="group" aria-label="Your account" data-owns-keys className="absolute right-0 z-30 mt-2 w-64 rounded-xl border border-zinc-200 bg-surface p-1 shadow-lg">
      <div className="px-3 py-2">
        <p className="truncate text-sm font-medium text-zinc-900">{viewer.name}</p>
        <p className="truncate text-xs text-zinc-600">{viewer.email}</p>
      </div>
      {viewer.isAdmin ? (
        <Link href="/team" data-testid="team-link" className="flex min-h-11 items-center rounded-lg px-3 text-sm text-zinc-800 hover:bg-zinc-100">
          Team
        </Link>
      ) : null}
      <button
        type="button"
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
  );
}
