import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: true,
  // PGlite loads its WebAssembly and data files from its own package folder at run time: bundling
  // would move them away from it. (`pg` is on Next's built-in list already.)
  serverExternalPackages: ["@electric-sql/pglite"],
  images: {
    remotePatterns: [{ protocol: "https", hostname: "media.licdn.com" }],
  },
};

export default nextConfig;
