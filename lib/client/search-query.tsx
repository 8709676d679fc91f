"use client";

/**
 * The inbox search query, kept in the URL (`?q=`) so a search survives a reload, a shared link and
 * the back button. Typing replaces the current history entry (no entry per keystroke); links the
 * inbox draws (rows, categories, back from a thread) carry the query along.
 */
import { useSearchParams } from "next/navigation";
import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { normalizeSearchParam } from "./search";

type SearchQuery = {
  query: string;
  setQuery: (query: string) => void;
  /** A query (normalized, other than the shown one) typed before the page was live (use-early-input.ts): in state now, in the URL after. */
  adoptQuery: (query: string) => void;
};

const SearchQueryContext = createContext<SearchQuery>({ query: "", setQuery: () => {}, adoptQuery: () => {} });

function writeQuery(value: string) {
  const url = new URL(window.location.href);
  if (value === "") url.searchParams.delete("q");
  else url.searchParams.set("q", value);
  // Null state, as Next documents: its router then takes the URL in (useSearchParams sees `q`).
  window.history.replaceState(null, "", url);
}

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
    writeQuery(value);
  }, []);

  // Not during the hydration that takes the query over: Next's router takes history over in its own
  // effects then, after ours, and a URL written before would lose its state (Back would do nothing).
  // This effect runs after the next render, when every effect of the hydration has run.
  const adopted = useRef<string | null>(null);
  const adoptQuery = useCallback((next: string) => {
    adopted.current = next;
    setLocalQuery(next);
  }, []);
  useEffect(() => {
    // The hydration's own run of this effect still has the server's query: not that one.
    if (adopted.current === null || adopted.current !== query) return;
    adopted.current = null;
    writeQuery(query);
  }, [query]);

  const value = useMemo(() => ({ query, setQuery, adoptQuery }), [query, setQuery, adoptQuery]);
  return <SearchQueryContext value={value}>{children}</SearchQueryContext>;
}

export function useSearchQuery(): SearchQuery {
  return use(SearchQueryContext);
}
