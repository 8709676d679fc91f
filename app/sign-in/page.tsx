import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { SignInForm } from "@/components/sign-in-form";
import { parseAuthPageParams } from "@/lib/contracts/page-params";
import { safeNextPath } from "@/lib/client/routes";
import { oidcConfigOf } from "@/lib/server/auth/auth";
import { currentViewer } from "@/lib/server/auth/page-viewer";
import { isDemoMode } from "@/lib/server/auth/viewer";
import { getEnv } from "@/lib/server/env";
import { adminSetupOpen } from "@/lib/server/team/team";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next, error } = parseAuthPageParams(await searchParams);
  const destination = safeNextPath(next) ?? "/";
  // The demo needs no sign-in, and a signed-in rep has nothing to do here.
  if (isDemoMode() || (await currentViewer())) redirect(destination);
  return (
    <AuthCard title="Sign in to Threadline" subtitle="Your team's LinkedIn conversations, in one calm inbox.">
      <SignInForm next={destination} sso={oidcConfigOf(getEnv())?.name ?? null} ssoError={error ?? null} setupOpen={await adminSetupOpen()} />
    </AuthCard>
  );
}
