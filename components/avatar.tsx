"use client";

import { useState } from "react";
import { hashString, initials, loadableImageUrl } from "@/lib/client/format";

const TINTS = [
  "bg-sky-100 text-sky-800",
  "bg-emerald-100 text-emerald-800",
  "bg-amber-100 text-amber-800",
  "bg-rose-100 text-rose-800",
  "bg-violet-100 text-violet-800",
  "bg-teal-100 text-teal-800",
  "bg-orange-100 text-orange-800",
  "bg-indigo-100 text-indigo-800",
] as const;

const SIZES = {
  sm: "size-8 text-xs",
  md: "size-11 text-sm",
  lg: "size-12 text-base",
} as const;

/** Picture with an initials fallback (missing or broken image). Organizations get a square avatar. */
export function Avatar({
  name,
  pictureUrl,
  isOrganization = false,
  size = "md",
}: {
  name: string;
  pictureUrl?: string | undefined;
  isOrganization?: boolean | undefined;
  size?: keyof typeof SIZES;
}) {
  const src = loadableImageUrl(pictureUrl);
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const showImage = src !== undefined && failedSrc !== src;
  const shape = isOrganization ? "rounded-lg" : "rounded-full";
  const tint = TINTS[hashString(name) % TINTS.length];

  return (
    <span
      className={`relative inline-flex shrink-0 select-none items-center justify-center overflow-hidden font-semibold ${SIZES[size]} ${shape} ${tint}`}
      aria-hidden="true"
    >
      {initials(name)}
      {showImage ? (
        // A plain <img>: avatars are tiny and must fall back to initials on error. Only LinkedIn's
        // media hosts load at all (loadableImageUrl, and the CSP): elsewhere, initials.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={src}
          alt=""
          loading="lazy"
          decoding="async"
          referrerPolicy="no-referrer"
          className="absolute inset-0 size-full object-cover"
          onError={() => setFailedSrc(src)}
        />
      ) : null}
    </span>
  );
}
