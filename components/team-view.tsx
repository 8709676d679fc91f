"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { Role, TeamMember, TeamResponse } from "@/lib/contracts/team";
import { ApiError } from "@/lib/client/errors";
import { formErrorText } from "@/lib/client/form-error";
import { describeUsage } from "@/lib/client/format";
import { homeHref } from "@/lib/client/routes";
import { teamQueryOptions, useInvite, useRemoveMember, useRevokeInvitation, useSetMemberAccounts } from "@/lib/client/team";
import { AccountMenu } from "./account-menu";
import { FormError, FormField, SubmitButton } from "./form-field";
import { ErrorState } from "./error-states";
import { Spinner } from "./states";

type Accounts = TeamResponse["accounts"];

/**
 * A refused invitation in words. The email is the one thing typed here, and a browser lets through
 * addresses our server refuses ("jane@localhost", "a..b@acme.com"): its 400 is about the email,
 * said for a person rather than as the server's parameter check.
 */
function inviteProblem(error: unknown): string {
  // Our parameter check names the field; another 400 (an account no longer configured) says its own words.
  if (error instanceof ApiError && error.code === "bad_request" && /\bemail\b/.test(error.message)) return "That email address doesn't look right. Check it for typos, then try again.";
  return formErrorText(error);
}

/** The Team page (admins): invite reps by link, choose who reads which account, remove people. */
export function TeamView() {
  const team = useQuery(teamQueryOptions());
  return (
    <div data-page-scroll className="safe-area-x min-h-dvh bg-zinc-50 pt-[env(safe-area-inset-top)] pb-[env(safe-area-inset-bottom)]">
      <header className="sticky top-0 z-20 flex h-14 items-center gap-2 border-b border-zinc-200/80 bg-surface px-2 sm:px-4">
        <Link href={homeHref()} className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-medium text-accent-700 hover:bg-accent-50">
          ← Inbox
        </Link>
        <h1 className="text-base font-semibold text-zinc-900">Team</h1>
        <div className="ml-auto">
          <AccountMenu />
        </div>
      </header>
      <main className="mx-auto flex w-full max-w-3xl flex-col gap-4 px-4 py-5">
        {team.isPending ? (
          <div className="flex justify-center py-10">
            <Spinner label="Loading the team" />
          </div>
        ) : team.isError ? (
          <ErrorState error={team.error} onRetry={() => void team.refetch()} retrying={team.isFetching} />
        ) : (
          <>
            <InviteCard accounts={team.data.accounts} pending={team.data.invitations} pendingAsOf={team.dataUpdatedAt} />
            <InvitationsCard team={team.data} />
            <MembersCard team={team.data} />
            <UsageCard accounts={team.data.accounts} />
          </>
        )}
      </main>
    </div>
  );
}

function Card({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section data-testid={testId} aria-label={title} className="rounded-2xl border border-zinc-200 bg-surface p-4 shadow-sm sm:p-5">
      <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

/**
 * `busy`: a change is being saved; the boxes take no other until it is (not disabled: a disabled box
 * loses the keyboard's focus).
 */
function AccountChoices({ accounts, chosen, onToggle, busy = false, name }: { accounts: Accounts; chosen: readonly string[]; onToggle: (id: string, on: boolean) => void; busy?: boolean; name: string }) {
  if (accounts.length === 0) return <p className="text-sm text-zinc-600">No LinkedIn account is configured.</p>;
  return (
    <fieldset className="space-y-1" aria-busy={busy}>
      <legend className="sr-only">{name}</legend>
      {accounts.map((account) => (
        <label key={account.id} className="flex min-h-11 items-center gap-3 rounded-lg px-2 hover:bg-zinc-50">
          <input type="checkbox" className="size-5 accent-accent-600" checked={chosen.includes(account.id)} onChange={(e) => busy || onToggle(account.id, e.target.checked)} />
          <span className="min-w-0 truncate text-sm text-zinc-800">{account.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

function InviteCard({ accounts, pending, pendingAsOf }: { accounts: Accounts; pending: TeamResponse["invitations"]; pendingAsOf: number }) {
  const invite = useInvite();
  const [accountIds, setAccountIds] = useState<string[]>([]);
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setCopied("no");
    invite.mutate(
      { email: String(form.get("email") ?? ""), role: form.get("role") === "admin" ? "admin" : "rep", accountIds },
      {
        // A second click would make a second link and end the one just shown: the form starts over.
        onSuccess: () => {
          formElement.reset();
          setAccountIds([]);
        },
      },
    );
  }
  // The link is shown while its invitation waits: not once a team read since its making lacks it
  // (revoked, used or replaced). A read that failed after it hides nothing: it is shown only once.
  const stillPending = invite.data && (pendingAsOf < invite.submittedAt || pending.some((invitation) => invitation.id === invite.data.invitation.id));
  const created = stillPending ? invite.data : null;

  async function copy(link: string) {
    // Said only when it happened (no clipboard on plain http, or the browser refused): the link is shown once.
    setCopied((await navigator.clipboard?.writeText(link).then(() => true, () => false)) ? "yes" : "failed");
  }

  return (
    <Card title="Invite someone" testId="invite-card">
      <form method="post" onSubmit={onSubmit} className="space-y-4">
        <FormField label="Their work email" name="email" type="email" autoComplete="off" required maxLength={320} />
        <label className="block">
          <span className="text-sm font-medium text-zinc-800">Role</span>
          <select name="role" defaultValue="rep" className="mt-1 block h-11 w-full rounded-lg border border-zinc-300 bg-surface px-3 text-base text-zinc-900">
            <option value="rep">Rep</option>
            <option value="admin">Admin</option>
          </select>
          <span className="mt-1 block text-xs text-zinc-600">A rep reads the accounts you choose; an admin reads every account and manages the team.</span>
        </label>
        <div>
          <p className="text-sm font-medium text-zinc-800">Accounts they can read</p>
          <AccountChoices name="Accounts they can read" accounts={accounts} chosen={accountIds} onToggle={(id, on) => setAccountIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)))} />
        </div>
        <FormError message={invite.isError ? inviteProblem(invite.error) : null} />
        <SubmitButton busy={invite.isPending} busyLabel="Creating the link…">
          Create invitation link
        </SubmitButton>
      </form>
      {created ? (
        <div data-testid="invitation-link" className="mt-4 space-y-2 rounded-xl bg-accent-50 p-3">
          <p className="text-sm wrap-anywhere text-zinc-800">Send this link to {created.invitation.email} yourself. It works once, for 7 days; you won&apos;t see it again.</p>
          <div className="flex gap-2">
            <input readOnly value={created.link} aria-label="Invitation link" className="h-11 min-w-0 flex-1 rounded-lg border border-zinc-300 bg-surface px-3 text-sm text-zinc-900" onFocus={(e) => e.currentTarget.select()} />
            <button type="button" onClick={() => void copy(created.link)} className="min-h-11 shrink-0 rounded-lg bg-zinc-900 px-4 text-sm font-medium text-surface hover:bg-zinc-800">
              {copied === "yes" ? "Copied" : "Copy"}
            </button>
          </div>
          {copied === "failed" ? (
            <p role="status" className="text-sm text-red-700">
              This browser didn&apos;t let Threadline copy it: select the link and copy it yourself.
            </p>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

function InvitationsCard({ team }: { team: TeamResponse }) {
  const revoke = useRevokeInvitation();
  if (team.invitations.length === 0) return null;
  const label = (ids: readonly string[]) => ids.map((id) => team.accounts.find((a) => a.id === id)?.label ?? id).join(", ") || "no account yet";
  return (
    <Card title="Waiting to join" testId="invitations-card">
      <ul className="divide-y divide-zinc-100">
        {team.invitations.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center gap-2 py-2">
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium text-zinc-900" title={invitation.email}>
                {invitation.email}
              </p>
              <p className="text-xs text-zinc-600">
                {roleLabel(invitation.role)} · {label(invitation.accountIds)} · link valid until {new Date(invitation.expiresAt).toLocaleDateString()}
              </p>
            </div>
            <button type="button" aria-label={`Revoke the invitation for ${invitation.email}`} disabled={revoke.isPending} onClick={() => revoke.mutate(invitation.id)} className="min-h-11 rounded-lg px-3 text-sm font-medium text-red-700 hover:bg-red-50">
              Revoke
            </button>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** The credit meter: what each account's provider calls cost today, against its daily budget. */
function UsageCard({ accounts }: { accounts: Accounts }) {
  if (accounts.length === 0) return null;
  return (
    <Card title="Provider use today (UTC)" testId="usage-card">
      <ul className="divide-y divide-zinc-100">
        {accounts.map((account) => (
          <li key={account.id} data-testid="account-usage" className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2">
            <span className="min-w-0 truncate text-sm font-medium text-zinc-900">{account.label}</span>
            <span className="text-sm text-zinc-700">{describeUsage(account.usage)}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function MembersCard({ team }: { team: TeamResponse }) {
  return (
    <Card title="Members" testId="members-card">
      <ul className="space-y-3">
        {team.members.map((member) => (
          <MemberRow key={member.id} member={member} accounts={team.accounts} />
        ))}
      </ul>
    </Card>
  );
}

function MemberRow({ member, accounts }: { member: TeamMember; accounts: Accounts }) {
  const setAccounts = useSetMemberAccounts();
  const remove = useRemoveMember();
  const [confirming, setConfirming] = useState(false);
  // Focus follows the swap between the button and its confirmation, once the admin has made one.
  const [swapped, setSwapped] = useState(false);
  const error = setAccounts.error ?? remove.error;
  return (
    <li data-testid="member" className="rounded-xl border border-zinc-200 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium text-zinc-900">
            {member.name} {member.isYou ? <span className="text-zinc-600">(you)</span> : null}
          </p>
          <p className="truncate text-xs text-zinc-600" title={member.email}>
            {member.email}
          </p>
        </div>
        <span className="rounded-full bg-zinc-100 px-2.5 py-1 text-xs font-medium text-zinc-800">{roleLabel(member.role)}</span>
      </div>
      {member.role === "admin" ? (
        <p className="mt-2 text-sm text-zinc-600">Reads every account.</p>
      ) : (
        <div className="mt-2">
          <AccountChoices
            name={`Accounts ${member.name} can read`}
            accounts={accounts}
            chosen={member.accountIds}
            busy={setAccounts.isPending}
            onToggle={(id, on) => setAccounts.mutate({ userId: member.id, accountIds: on ? [...member.accountIds, id] : member.accountIds.filter((x) => x !== id) })}
          />
        </div>
      )}
      <FormError message={error ? formErrorText(error) : null} />
      {member.isYou || member.isNamedAdmin ? null : confirming ? (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <span className="text-sm text-zinc-800">Remove {member.name}? They are signed out at once.</span>
          <button type="button" data-testid="confirm-remove" disabled={remove.isPending} onClick={() => remove.mutate(member.id)} className="min-h-11 rounded-lg bg-red-600 px-3 text-sm font-medium text-white hover:bg-red-700">
            Remove
          </button>
          {/* The button the admin pressed is gone: focus goes to the safe choice. */}
          <button type="button" autoFocus onClick={() => setConfirming(false)} className="min-h-11 rounded-lg px-3 text-sm font-medium text-zinc-800 hover:bg-zinc-100">
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          data-testid="remove-member"
          aria-label={`Remove from team: ${member.name}`}
          autoFocus={swapped}
          onClick={() => {
            setSwapped(true);
            setConfirming(true);
          }}
          className="mt-2 min-h-11 rounded-lg px-3 text-sm font-medium text-red-700 hover:bg-red-50">
          Remove from team
        </button>
      )}
    </li>
  );
}

function roleLabel(role: Role): string {
  return role === "admin" ? "Admin" : "Rep";
}
