import Link from "next/link";
import { homeHref } from "@/lib/client/routes";

export default function NotFound() {
  return (
    <main className="flex h-dvh flex-col items-center justify-center bg-white px-6 text-center">
      <p className="text-sm font-semibold text-accent-600">404</p>
      <h1 className="mt-2 text-xl font-semibold text-zinc-900">This page doesn&apos;t exist</h1>
      <p className="mt-2 max-w-sm text-sm text-zinc-600">The link may be broken, or the conversation view you asked for isn&apos;t available.</p>
      <Link
        href={homeHref()}
        className="mt-6 inline-flex min-h-11 items-center rounded-lg bg-zinc-900 px-4 text-sm font-medium text-white hover:bg-zinc-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500"
      >
        Go to your inbox
      </Link>
    </main>
  );
}
