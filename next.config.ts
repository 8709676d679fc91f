import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: true,
  experimental: {
    // A navigation whose page cannot be fetched because the browser is offline waits for the
    // connection and then goes on, instead of falling back to a full page load (Chrome's "no
    // internet" page, out of the app, on a phone that lost its signal).
    useOffline: true,
  },
  // PGlite loads its WebAssembly and data files from its own package folder at run time: bundling
  // would move them away from it. (`pg` is on Next's built-in list already.)
  serverExternalPackages: ["@electric-sql/pglite"],
  images: {
    remotePatterns: [{ protocol: "https", hostname: "media.licdn.com" }],
  },
};

export default nextConfig;
