/**
 * Linked API accounts: the people list. Adding someone starts a slow sync on the server and
 * answers at once; while anyone is still syncing, the list is polled (the server checks the
 * provider's status on each read), and when someone becomes ready their conversation joins the inbox.
 */
import { hashKey, queryOptions, useMutation, useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { useEffect } from "react";
import type { PeopleResponse, Person } from "@/lib/contracts/api";
import type { ErrorCode } from "@/lib/contracts/errors";
import type { AddPersonBody } from "@/lib/contracts/queries";
import { peopleUrl, personSyncUrl, personUrl } from "./api-urls";
import { ApiError, isRetryableError } from "./errors";
import { fetchJson, sendJson } from "./fetch-json";
import { failuresInARow, pollDelayMs } from "./poll-backoff";
import { queryKeys } from "./query-keys";

/** How often to ask how running syncs are going (each ask is one cheap status read upstream). */
export const SYNC_POLL_MS = 3_000;
/**
 * Otherwise the list is only read from our database: refreshed now and then, so a sync that lapsed
 * while reading (or a person added on another device) shows up here too.
 */
export const PEOPLE_REFRESH_MS = 30_000;

/** The list as the query keeps it: with the failed-read total its read started from (for the backoff: poll-backoff.ts). */
type PeopleData = PeopleResponse & { errorsBefore?: number };

export function peopleQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: queryKeys.people(accountId),
    queryFn: async ({ signal, client, queryKey }): Promise<PeopleData> => {
      const errorsBefore = client.getQueryState(queryKey)?.errorUpdateCount ?? 0;
      const before = client.getQueryData<PeopleResponse>(queryKeys.people(accountId));
      const fresh = await fetchJson(peopleUrl(accountId), "people", signal);
      if (becameReady(before, fresh)) void refreshInbox(client, accountId);
      return { ...fresh, errorsBefore };
    },
    refetchInterval: (query) => {
      const { state } = query;
      // A failure that waiting will not fix (credentials, plan): stop until the rep acts.
      if (state.status === "error" && !isRetryableError(state.error)) return false;
      const pace = state.data?.people.some((person) => person.state === "syncing") ? SYNC_POLL_MS : PEOPLE_REFRESH_MS;
      // The provider failing every check (the server says so rather than "synchronizing"): ask less and less often.
      return pollDelayMs(failuresInARow(state), state.error, state.errorUpdatedAt, pace);
    },
    refetchIntervalInBackground: false,
  });
}

function becameReady(before: PeopleResponse | undefined, after: PeopleResponse): boolean {
  const readyBefore = new Set(before?.people.filter((p) => p.state === "ready").map((p) => p.id));
  return after.people.some((person) => person.state === "ready" && !readyBefore.has(person.id));
}

/** The inbox of these accounts is the ready people, so it reloads whenever that set changes. */
function refreshInbox(client: QueryClient, accountId: string): Promise<void> {
  return client.invalidateQueries({ queryKey: queryKeys.conversationLists(accountId) });
}

/** What a thread answers when the server finds its person's sync failed, lapsed or unfinished. */
const PERSON_NOT_READABLE: ReadonlySet<ErrorCode> = new Set(["not_found", "not_synchronized"]);

function isThreadOf(accountId: string, key: QueryKey): boolean {
  const conversationId = key.at(-1);
  if (typeof conversationId !== "string") return false;
  const hash = hashKey(key);
  return hash === hashKey(queryKeys.messages(accountId, conversationId)) || hash === hashKey(queryKeys.messagesSince(accountId, conversationId));
}

/**
 * When one of this account's threads answers that its person cannot be read, the server has just
 * marked them (failed, lapsed): reload the people list now, so the panel shows why, with Remove or
 * Sync again, instead of at its next poll. Returns the unsubscribe.
 */
export function refreshPeopleOnThreadFailure(client: QueryClient, accountId: string): () => void {
  return client.getQueryCache().subscribe((event) => {
    if (event.type !== "updated" || event.action.type !== "error" || !isThreadOf(accountId, event.query.queryKey)) return;
    const { error } = event.action;
    if (error instanceof ApiError && PERSON_NOT_READABLE.has(error.code)) void client.invalidateQueries({ queryKey: queryKeys.people(accountId) });
  });
}

export function usePeople(accountId: string, enabled: boolean) {
  return useQuery({ ...peopleQueryOptions(accountId), enabled });
}

/**
 * Writes a change the server answered into the list (`edit`). A read of the list already on its way
 * was read before the change and would land over it (a person just added gone until the next
 * refresh, 30 s on): it is cancelled first.
 */
export async function writePeople(client: QueryClient, accountId: string, edit: (current: PeopleResponse | undefined) => PeopleResponse | undefined): Promise<void> {
  const key = queryKeys.people(accountId);
  await client.cancelQueries({ queryKey: key });
  // Counted from now, as a read would be: a failure after this write starts the backoff afresh.
  const errorsBefore = client.getQueryState(key)?.errorUpdateCount ?? 0;
  client.setQueryData<PeopleData>(key, (current) => {
    const next = edit(current);
    return next && { ...next, errorsBefore };
  });
}

/** The server's answer for one person, in the list (new ones first, like the server orders them). */
export function withPerson(person: Person): (current: PeopleResponse | undefined) => PeopleResponse {
  return (current) => {
    const others = (current?.people ?? []).filter((p) => p.id !== person.id);
    const known = current?.people.some((p) => p.id === person.id) ?? false;
    return { people: known ? (current?.people ?? []).map((p) => (p.id === person.id ? person : p)) : [person, ...others] };
  };
}

export function useRefreshPeopleOnThreadFailure(accountId: string): void {
  const client = useQueryClient();
  useEffect(() => refreshPeopleOnThreadFailure(client, accountId), [client, accountId]);
}

export function usePeopleActions(accountId: string) {
  const client = useQueryClient();
  const settle = async (person: Person) => {
    await writePeople(client, accountId, withPerson(person));
    if (person.state === "ready") void refreshInbox(client, accountId);
  };
  const add = useMutation({
    mutationFn: (input: AddPersonBody) => sendJson("POST", peopleUrl(accountId), "person", input),
    onSuccess: ({ person }) => settle(person),
  });
  const resync = useMutation({
    mutationFn: (personId: string) => sendJson("POST", personSyncUrl(accountId, personId), "person"),
    onSuccess: ({ person }) => settle(person),
  });
  const remove = useMutation({
    mutationFn: (personId: string) => sendJson("DELETE", personUrl(accountId, personId), "removed"),
    onSuccess: async (_result, personId) => {
      await writePeople(client, accountId, (current) => current && { people: current.people.filter((p) => p.id !== personId) });
      void refreshInbox(client, accountId);
    },
  });
  return { add, resync, remove };
}
