import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { FormError } from "@/components/form-field";
import { JoinForm } from "@/components/join-form";
import { parseAuthPageParams } from "@/lib/contracts/page-params";
import { ssoErrorMessage } from "@/lib/client/auth";
import { decodeIdParam } from "@/lib/client/routes";
import { oidcConfigOf } from "@/lib/server/auth/auth";
import { currentViewer } from "@/lib/server/auth/page-viewer";
import { isDemoMode } from "@/lib/server/auth/viewer";
import { getEnv } from "@/lib/server/env";
import { invitationForToken } from "@/lib/server/team/team";

export const metadata: Metadata = { title: "Join your team" };

/** An invitation link: the rep picks a name and a password (or the company sign-in) and is in. */
export default async function JoinPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (isDemoMode() || (await currentViewer())) redirect("/");
  const token = decodeIdParam((await params).token) ?? "";
  const { error } = parseAuthPageParams(await searchParams);
  const invitation = token.length >= 20 && token.length <= 200 ? await invitationForToken(token) : undefined;
  if (!invitation) {
    return (
      <AuthCard title="This invitation can't be used" subtitle="It was used already, revoked, or it expired. Ask your admin for a new link.">
        <Link href="/sign-in" className="inline-flex min-h-11 items-center text-sm font-medium text-accent-700 hover:underline">
          Already on the team? Sign in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Join your team on Threadline" subtitle={`You're invited as ${invitation.role === "admin" ? "an admin" : "a rep"}.`}>
      <div className="space-y-4">
        <FormError message={ssoErrorMessage(error ?? null)} />
        <JoinForm door={{ kind: "join", token, email: invitation.email }} sso={oidcConfigOf(getEnv())?.name ?? null} />
      </div>
    </AuthCard>
  );
}
