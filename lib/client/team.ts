/** The team page's data and its changes (admins only), through fetchJson like every read. */
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import type { InviteBody } from "@/lib/contracts/team";
import { teamUrls } from "./api-urls";
import { fetchJson, sendJson } from "./fetch-json";
import { queryKeys } from "./query-keys";

export function teamQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.team(),
    queryFn: ({ signal }) => fetchJson(teamUrls.team(), "team", signal),
    staleTime: 10_000,
  });
}

/** Every change refreshes the team from the server: it is small, and the server has the last word. */
function useTeamChange<TInput, TResult>(send: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: send, onSettled: () => client.invalidateQueries({ queryKey: queryKeys.team() }) });
}

export function useInvite() {
  return useTeamChange((input: InviteBody) => sendJson("POST", teamUrls.invitations(), "invitationCreated", input));
}

export function useRevokeInvitation() {
  return useTeamChange((invitationId: string) => sendJson("DELETE", teamUrls.invitation(invitationId), "invitationRevoked"));
}

export function useRemoveMember() {
  return useTeamChange((userId: string) => sendJson("DELETE", teamUrls.member(userId), "removed"));
}

export function useSetMemberAccounts() {
  return useTeamChange((input: { userId: string; accountIds: string[] }) =>
    sendJson("PUT", teamUrls.memberAccounts(input.userId), "member", { accountIds: input.accountIds }),
  );
}
