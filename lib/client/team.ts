/** The team page's data and its changes (admins only), through fetchJson like every read. */
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod/mini";
import { invitationCreatedSchema, memberResponseSchema, teamResponseSchema, type InviteBody } from "@/lib/contracts/team";
import { teamUrls } from "./api-urls";
import { fetchJson, sendJson } from "./fetch-json";
import { queryKeys } from "./query-keys";

export function teamQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.team(),
    queryFn: ({ signal }) => fetchJson(teamUrls.team(), teamResponseSchema, signal),
    staleTime: 10_000,
  });
}

/** Every change refreshes the team from the server: it is small, and the server has the last word. */
function useTeamChange<TInput, TResult>(send: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: send, onSettled: () => client.invalidateQueries({ queryKey: queryKeys.team() }) });
}

export function useInvite() {
  return useTeamChange((input: InviteBody) => sendJson("POST", teamUrls.invitations(), invitationCreatedSchema, input));
}

export function useRevokeInvitation() {
  return useTeamChange((invitationId: string) => sendJson("DELETE", teamUrls.invitation(invitationId), z.object({ revoked: z.literal(true) })));
}

export function useRemoveMember() {
  return useTeamChange((userId: string) => sendJson("DELETE", teamUrls.member(userId), z.object({ removed: z.literal(true) })));
}

export function useSetMemberAccounts() {
  return useTeamChange((input: { userId: string; accountIds: string[] }) =>
    sendJson("PUT", teamUrls.memberAccounts(input.userId), memberResponseSchema, { accountIds: input.accountIds }),
  );
}
