import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside a React Server environment; unit tests are server code.
      "server-only": fileURLToPath(new URL("./tests/unit/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
    // The server logs every upstream call; show those lines only for a test that failed.
    silent: "passed-only",
    // Starts one real PostgreSQL server for the store tests (the other backend is in-process PGlite).
    globalSetup: ["tests/unit/support/postgres-global-setup.ts"],
  },
});
