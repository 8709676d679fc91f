import { notFound, redirect } from "next/navigation";
import { decodeIdParam, inboxHref } from "@/lib/client/routes";

/** /a/{accountId} → that account's inbox. */
export default async function AccountPage({ params }: { params: Promise<{ accountId: string }> }) {
  const accountId = decodeIdParam((await params).accountId);
  if (accountId === null) notFound();
  redirect(inboxHref(accountId, "INBOX"));
}
