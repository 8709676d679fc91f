import type { TestProject } from "vitest/node";
import { startPostgres } from "../../support/postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** A real PostgreSQL server for the store tests (see tests/support/postgres-server.ts). */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const postgres = await startPostgres();
  project.provide("postgresUrl", postgres.url);
  return postgres.stop;
}
