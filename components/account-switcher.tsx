"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type KeyboardEvent } from "react";
import type { Account } from "@/lib/contracts/api";
import { inboxHref } from "@/lib/client/routes";
import { useHydrated } from "@/lib/client/use-hydrated";
import { ChevronDownIcon } from "./icons";

/** Keys that change a closed select's value at once (Windows, Linux): browsing, not choosing. */
const BROWSE_KEYS = new Set(["ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);

/**
 * The account choice: a native select (best on phones; 16px text there, or iOS zooms in on it). A
 * pick with the finger or the mouse opens that account. Arrow keys (or typing a name) on the closed select only move the choice, which
 * Enter or leaving the select takes: walking through the accounts must not open each inbox in turn,
 * every one a provider read. Escape puts the current account back.
 */
export function AccountSwitcher({ account, accounts, accountId }: { account: Account | undefined; accounts: Account[]; accountId: string }) {
  const router = useRouter();
  // A choice made before the page is live would go nowhere (the select has no handler yet, and
  // React puts its value back): it is usable once it works.
  const hydrated = useHydrated();
  const [browsing, setBrowsing] = useState<string | null>(null);
  const byKeys = useRef(false);

  const open = (id: string) => {
    setBrowsing(null);
    if (id !== accountId) router.push(inboxHref(id, "INBOX"));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (event.key === "Enter" && browsing !== null) {
      event.preventDefault();
      open(browsing);
      return;
    }
    if (event.key === "Escape" && browsing !== null) {
      event.preventDefault();
      setBrowsing(null);
      return;
    }
    // Alt+arrow and Space open the list, where the change comes with Enter or a click: a choice.
    byKeys.current = !event.altKey && (BROWSE_KEYS.has(event.key) || (event.key.length === 1 && event.key !== " "));
    // A closed select changes within this key's own dispatch. Where an arrow opens the list instead
    // (macOS), the pick comes later, by Enter inside it, which the page never sees: a choice then.
    if (byKeys.current) setTimeout(() => (byKeys.current = false), 0);
  };

  return (
    <label className="relative flex min-w-0 items-center">
      <span className="sr-only">Account</span>
      <select
        value={browsing ?? accountId}
        disabled={!hydrated}
        onKeyDown={onKeyDown}
        onPointerDown={() => (byKeys.current = false)}
        onChange={(event) => (byKeys.current ? setBrowsing(event.target.value) : open(event.target.value))}
        onBlur={() => {
          if (browsing !== null) open(browsing);
        }}
        className="h-11 max-w-[13rem] min-w-0 appearance-none mouse:lg:h-9 truncate rounded-lg border border-zinc-200 bg-surface pr-8 pl-3 text-base font-medium lg:text-sm text-zinc-800 hover:border-zinc-300 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-500 sm:max-w-[16rem]"
      >
        {account === undefined ? (
          <option value={accountId} disabled>
            Unknown account
          </option>
        ) : null}
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.label}
          </option>
        ))}
      </select>
      <ChevronDownIcon width={16} height={16} className="pointer-events-none absolute right-2.5 text-zinc-500" />
    </label>
  );
}
