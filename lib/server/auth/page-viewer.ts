import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { signInHref } from "@/lib/client/routes";
import { viewerFor, type Viewer } from "./viewer";

/** The viewer of the page being rendered, looked up once per request however many layouts ask. */
export const currentViewer = cache(async (): Promise<Viewer | null> => viewerFor(await headers()));

/**
 * For pages: the signed-in viewer, or a redirect to sign-in that comes back to the page asked for
 * (proxy.ts passes it along). The proxy only saw that a cookie exists; this checks the session.
 */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await currentViewer();
  if (viewer) return viewer;
  redirect(signInHref((await headers()).get("x-threadline-path") ?? undefined));
}

/** For admin pages: anyone else gets the not-found page, as for a page that does not exist. */
export async function requireAdmin(): Promise<Extract<Viewer, { kind: "member" }>> {
  const viewer = await requireViewer();
  if (viewer.kind !== "member" || !viewer.isAdmin) notFound();
  return viewer;
}
