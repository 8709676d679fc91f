import type { MetadataRoute } from "next";

/** Installable: added to a phone's home screen, Threadline opens as an app of its own. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Threadline",
    short_name: "Threadline",
    description: "Your LinkedIn conversations, fast and calm.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#ffffff",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
