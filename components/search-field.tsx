"use client";

import { useRef } from "react";
import { focusCursorRow } from "@/lib/client/inbox-cursor";
import { MAX_SEARCH_LENGTH, normalizeSearchParam } from "@/lib/client/search";
import { useSearchQuery } from "@/lib/client/search-query";
import { useShortcuts } from "@/lib/client/shortcuts";
import { useEarlyInput } from "@/lib/client/use-early-input";
import { CloseIcon, SearchIcon } from "./icons";

/** The inbox search field: filters as the rep types; Escape clears it, then leaves it. */
export function SearchField({ label }: { label: string }) {
  const { query, setQuery, adoptQuery } = useSearchQuery();
  const inputRef = useRef<HTMLInputElement>(null);
  // On a slow phone the field shows well before the page's code has run, and a rep may type in it.
  useEarlyInput(inputRef, (input) => {
    const typed = normalizeSearchParam(input.value);
    if (typed !== query) adoptQuery(typed);
    // Only spaces: nothing to search. React writes a controlled value only when the field renders
    // again, so the page would show them until then.
    else input.value = query;
  });
  useShortcuts({
    search: () => {
      const input = inputRef.current;
      // Hidden behind a phone's open thread: the key is not for us.
      if (!input || input.offsetParent === null) return false;
      input.focus();
      input.select();
    },
  });
  return (
    <search className="shrink-0 border-b border-zinc-200/80 bg-surface px-3 py-1.5">
      <label className="relative flex items-center">
        <span className="sr-only">{label}</span>
        <SearchIcon width={18} height={18} className="pointer-events-none absolute left-3 text-zinc-500" />
        <input
          ref={inputRef}
          type="search"
          data-testid="inbox-search"
          value={query}
          maxLength={MAX_SEARCH_LENGTH}
          placeholder={label}
          autoComplete="off"
          enterKeyHint="search"
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== "Escape") return;
            event.preventDefault();
            if (query !== "") setQuery("");
            else if (!focusCursorRow()) event.currentTarget.blur();
          }}
          className="h-11 w-full min-w-0 appearance-none rounded-full border border-transparent bg-zinc-100 pr-11 pl-10 text-base text-zinc-900 placeholder:text-zinc-500 focus:border-accent-500 focus:bg-surface focus:outline-none lg:text-sm [&::-webkit-search-cancel-button]:hidden"
        />
        {query !== "" ? (
          <button
            type="button"
            data-testid="clear-search"
            aria-label="Clear search"
            onClick={() => {
              setQuery("");
              inputRef.current?.focus();
            }}
            className="absolute right-0 inline-flex size-11 items-center justify-center rounded-full text-zinc-500 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-[-4px] focus-visible:outline-accent-500"
          >
            <CloseIcon width={18} height={18} />
          </button>
        ) : null}
      </label>
    </search>
  );
}
