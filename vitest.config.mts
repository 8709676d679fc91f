import { availableParallelism } from "node:os";
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
    // Every core: Vitest's default leaves one free, which on a two-core machine runs the files one
    // by one (115 s against 88 s here). Opening an embedded database, in a hook or in a test, can
    // then take longer than the default 10 s and 5 s.
    maxWorkers: availableParallelism(),
    hookTimeout: 30_000,
    testTimeout: 30_000,
    // The server logs every upstream call; show those lines only for a test that failed.
    silent: "passed-only",
    // Starts one real PostgreSQL server for the store tests (the other backend is in-process PGlite).
    globalSetup: ["tests/unit/support/postgres-global-setup.ts"],
  },
});
