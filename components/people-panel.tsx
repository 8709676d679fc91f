"use client";

import { useRef, useState, type FormEvent } from "react";
import type { Channel, Person } from "@/lib/contracts/api";
import { chosenChannel, parsePersonUrl, type PersonUrl } from "@/lib/contracts/linkedin-url";
import { describeError } from "@/lib/client/describe-error";
import { usePeople, usePeopleActions, useRefreshPeopleOnThreadFailure } from "@/lib/client/people";
import { useEarlyInput } from "@/lib/client/use-early-input";
import { RefreshIcon, UserPlusIcon } from "./icons";
import { RetryButton } from "./states";

const CHANNELS: readonly { value: Channel; label: string }[] = [
  { value: "standard", label: "LinkedIn" },
  { value: "salesNavigator", label: "Sales Navigator" },
];

/**
 * For providers with no inbox listing (Linked API): the rep adds the people they talk to; each
 * one's conversation is synchronized in the background and joins the list below when ready.
 */
export function PeoplePanel({ accountId }: { accountId: string }) {
  const people = usePeople(accountId, true);
  const actions = usePeopleActions(accountId);
  useRefreshPeopleOnThreadFailure(accountId);
  const [url, setUrl] = useState("");
  const [channel, setChannel] = useState<Channel>("standard");
  const [problem, setProblem] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  // Its code arrives as the page hydrates (inbox-shell.tsx): the rep may have started already.
  useEarlyInput(form, (element) => {
    const before = new FormData(element);
    const typed = before.get("profileUrl");
    const picked = CHANNELS.find(({ value }) => value === before.get("add-person-channel"));
    if (typeof typed === "string" && typed !== "") setUrl(typed);
    if (picked) setChannel(picked.value);
  });
  const address = parsePersonUrl(url);
  // A lead link has only its Sales Navigator conversation: the choice follows the address.
  const chosen = address ? (chosenChannel(address, channel) ?? address.channel) : channel;

  const pending = (people.data?.people ?? []).filter((person) => person.state !== "ready");
  const readyCount = (people.data?.people.length ?? 0) - pending.length;
  const listError = people.isError ? describeError(people.error) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!address) {
      setProblem("Paste a LinkedIn profile address, like linkedin.com/in/jane-doe or a Sales Navigator lead link.");
      return;
    }
    setProblem(null);
    actions.add.mutate(
      { profileUrl: address.url, channel: chosen },
      {
        onSuccess: () => setUrl(""),
        onError: (error) => setProblem(describeError(error).detail),
      },
    );
  }

  return (
    <section aria-label="People to synchronize" data-testid="people-panel" className="shrink-0 border-b border-zinc-200/80 bg-surface px-3 py-3 sm:px-4">
      <form ref={form} method="post" onSubmit={submit} noValidate>
        <div className="flex gap-2">
          <label htmlFor="add-person-url" className="sr-only">
            LinkedIn profile URL
          </label>
          <input
            id="add-person-url"
            name="profileUrl"
            type="url"
            inputMode="url"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            placeholder="Paste a LinkedIn profile URL"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            aria-invalid={problem !== null}
            aria-describedby={problem ? "add-person-problem" : "add-person-hint"}
            className="h-11 min-w-0 flex-1 rounded-lg border border-zinc-300 bg-surface px-3 text-base text-zinc-900 lg:text-[15px] placeholder:text-zinc-500 focus-visible:border-accent-500 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent-500/30 aria-[invalid=true]:border-red-400"
          />
          <button
            type="submit"
            data-testid="add-person"
            disabled={actions.add.isPending || url.trim() === ""}
            className="inline-flex h-11 shrink-0 items-center gap-1.5 rounded-lg bg-zinc-900 px-4 text-sm font-medium text-surface shadow-sm hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500 disabled:opacity-50"
          >
            <UserPlusIcon width={16} height={16} />
            {actions.add.isPending ? "Adding…" : "Add"}
          </button>
        </div>
        <ChannelChoice chosen={chosen} address={address} onChoose={setChannel} />
      </form>
      {problem ? (
        <p id="add-person-problem" role="alert" className="mt-2 text-sm text-red-700">
          {problem}
        </p>
      ) : (
        <p id="add-person-hint" className="mt-2 text-xs leading-relaxed text-zinc-500">
          This connection reads conversations one person at a time. Add someone and their conversation is synchronized in the background; it can take a few minutes.
          {readyCount > 0 ? ` ${readyCount} synchronized.` : ""}
        </p>
      )}
      {listError ? (
        // A failure that waiting will not fix stops the list's polling (people.ts): Retry is the rep's way on.
        <div className="mt-2 flex items-center gap-2">
          <p role="alert" data-testid="people-error" className="min-w-0 flex-1 text-sm text-red-700">
            {listError.title}: {listError.detail}
          </p>
          {listError.canRetry ? <RetryButton compact onRetry={() => void people.refetch()} retrying={people.isFetching} /> : null}
        </div>
      ) : null}
      {pending.length > 0 ? (
        // At most a few rows high: on a phone, many people syncing at once must not push the inbox off screen.
        // It is focusable, so the keyboard can scroll it too (a syncing row has nothing else to focus).
        <ul role="list" aria-label="Synchronizing" tabIndex={0} className="mt-2 max-h-48 divide-y divide-zinc-100 overflow-y-auto overscroll-contain rounded-lg border border-zinc-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500">
          {pending.map((person) => (
            <PendingPerson
              key={person.id}
              person={person}
              onResync={() => actions.resync.mutate(person.id, { onError: (error) => setProblem(describeError(error).detail) })}
              onRemove={() => actions.remove.mutate(person.id, { onError: (error) => setProblem(describeError(error).detail) })}
              busy={(actions.resync.isPending && actions.resync.variables === person.id) || (actions.remove.isPending && actions.remove.variables === person.id)}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Which of the person's conversations to sync: a segmented control of two native radios (arrow keys move). */
function ChannelChoice({ chosen, address, onChoose }: { chosen: Channel; address: PersonUrl | null; onChoose: (channel: Channel) => void }) {
  return (
    <div className="mt-2 flex items-center gap-3">
      <span id="add-person-channel" className="text-xs font-medium text-zinc-600">
        Conversation
      </span>
      <div role="radiogroup" aria-labelledby="add-person-channel" className="inline-flex rounded-lg bg-zinc-100 p-0.5">
        {CHANNELS.map(({ value, label }) => (
          <label
            key={value}
            data-testid={`channel-${value}`}
            className="inline-flex h-11 cursor-pointer items-center rounded-md px-3 text-sm font-medium text-zinc-600 has-[:checked]:bg-surface has-[:checked]:text-zinc-900 has-[:checked]:shadow-sm has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-40 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent-500"
          >
            <input
              type="radio"
              name="add-person-channel"
              value={value}
              checked={chosen === value}
              disabled={address !== null && chosenChannel(address, value) === null}
              onChange={() => onChoose(value)}
              className="sr-only"
            />
            {label}
          </label>
        ))}
      </div>
    </div>
  );
}

function PendingPerson({ person, onResync, onRemove, busy }: { person: Person; onResync: () => void; onRemove: () => void; busy: boolean }) {
  return (
    <li data-testid="pending-person" data-state={person.state} data-channel={person.channel} data-person-id={person.id} className="flex items-center gap-2 py-1.5 pr-1.5 pl-3">
      <div className="min-w-0 flex-1">
        <p dir="auto" className="truncate text-sm font-medium text-zinc-900">
          {person.name}
          {person.channel === "salesNavigator" ? <span className="ml-1.5 text-xs font-normal text-zinc-500">Sales Navigator</span> : null}
        </p>
        {person.state === "syncing" ? (
          <p className="flex items-center gap-1.5 text-xs text-zinc-500" data-testid="sync-state">
            <RefreshIcon width={12} height={12} className="animate-spin" />
            Synchronizing…
          </p>
        ) : (
          <p className="text-xs text-red-700" data-testid="sync-state">
            {person.failure?.message ?? "The sync failed."}
          </p>
        )}
      </div>
      {person.state === "failed" ? (
        <>
          {person.failure?.reason !== "person_not_found" && person.failure?.reason !== "self_profile" ? (
            <button
              type="button"
              onClick={onResync}
              disabled={busy}
              aria-label={`Sync again: ${person.name}`}
              className="inline-flex h-11 shrink-0 items-center rounded-lg px-3 text-sm font-medium text-accent-700 hover:bg-accent-50 disabled:opacity-50"
            >
              Sync again
            </button>
          ) : null}
          <button
            type="button"
            onClick={onRemove}
            disabled={busy}
            aria-label={`Remove: ${person.name}`}
            className="inline-flex h-11 shrink-0 items-center rounded-lg px-3 text-sm font-medium text-zinc-600 hover:bg-zinc-100 disabled:opacity-50"
          >
            Remove
          </button>
        </>
      ) : null}
    </li>
  );
}
