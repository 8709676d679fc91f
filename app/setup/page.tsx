import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth-card";
import { FormError } from "@/components/form-field";
import { JoinForm } from "@/components/join-form";
import { parseAuthPageParams } from "@/lib/contracts/page-params";
import { ssoErrorMessage } from "@/lib/client/auth";
import { oidcConfigOf } from "@/lib/server/auth/auth";
import { currentViewer } from "@/lib/server/auth/page-viewer";
import { isDemoMode } from "@/lib/server/auth/viewer";
import { getEnv } from "@/lib/server/env";
import { adminSetupOpen } from "@/lib/server/team/team";

export const metadata: Metadata = { title: "Set up Threadline" };

/** The first sign-in of an admin named by THREADLINE_ADMIN_EMAILS: open only while one has no account. */
export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (isDemoMode() || (await currentViewer())) redirect("/");
  const { error } = parseAuthPageParams(await searchParams);
  if (!(await adminSetupOpen())) {
    return (
      <AuthCard title="Threadline is set up" subtitle="Every admin named for this team has an account.">
        <Link href="/sign-in" className="inline-flex min-h-11 items-center text-sm font-medium text-accent-700 hover:underline">
          Sign in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Create the admin account" subtitle="For the admins named in THREADLINE_ADMIN_EMAILS. Then invite your reps from the Team page.">
      <div className="space-y-4">
        <FormError message={ssoErrorMessage(error ?? null)} />
        <JoinForm door={{ kind: "setup", withPassword: getEnv().THREADLINE_SETUP_CODE !== undefined }} sso={oidcConfigOf(getEnv())?.name ?? null} />
      </div>
    </AuthCard>
  );
}
