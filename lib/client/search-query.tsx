"use client";

/**
 * The inbox search query, kept in the URL (`?q=`) so a search survives a reload, a shared link and
 * the back button. Typing replaces the current history entry (no entry per keystroke); links the
 * inbox draws (rows, categories, back from a thread) carry the query along.
 */
import { useSearchParams } from "next/navigation";
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { normalizeSearchParam } from "./search";

type SearchQuery = { query: string; setQuery: (query: string) => void };

const SearchQueryContext = createContext<SearchQuery>({ query: "", setQuery: () => {} });

function queryInLocation(): string {
  return normalizeSearchParam(new URLSearchParams(window.location.search).get("q"));
}

export function SearchQueryProvider({ children }: { children: ReactNode }) {
  const initial = normalizeSearchParam(useSearchParams().get("q"));
  const [query, setLocalQuery] = useState(initial);

  // Back and forward bring their own query with them.
  useEffect(() => {
    const follow = () => setLocalQuery(queryInLocation());
    window.addEventListener("popstate", follow);
    return () => window.removeEventListener("popstate", follow);
  }, []);

  const setQuery = useCallback((next: string) => {
    const value = normalizeSearchParam(next);
    setLocalQuery(value);
    const url = new URL(window.location.href);
    if (value === "") url.searchParams.delete("q");
    else url.searchParams.set("q", value);
    // Null state, as Next documents: its router then takes the URL in (useSearchParams sees `q`).
    window.history.replaceState(null, "", url);
  }, []);

  const value = useMemo(() => ({ query, setQuery }), [query, setQuery]);
  return <SearchQueryContext value={value}>{children}</SearchQueryContext>;
}

export function useSearchQuery(): SearchQuery {
  return use(SearchQueryContext);
}
