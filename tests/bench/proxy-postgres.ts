/**
 * The proxy bench (proxy.ts) again with the app on PostgreSQL instead of PGlite, 2 ms away (a
 * serverless function and its database are a network apart; delayed-hop.ts): what each database
 * round trip on a request's path costs there.
 */
import { startPostgres } from "../support/postgres-server";
import { startDelayedHop } from "./delayed-hop";
import { proxyBench } from "./proxy";
import { withRealServer } from "./real-server";

/** Half of the round trip to the database. */
const ONE_WAY_MS = 1;

export async function proxyOnPostgresBench({ bareOrigin }: { bareOrigin: string }) {
  const postgres = await startPostgres();
  try {
    const url = new URL(postgres.url);
    const hop = await startDelayedHop({ host: url.hostname, port: Number(url.port) }, ONE_WAY_MS);
    try {
      url.port = String(hop.port);
      return await withRealServer((server) => proxyBench({ server, bareOrigin }), { databaseUrl: url.toString() });
    } finally {
      await hop.close();
    }
  } finally {
    await postgres.stop();
  }
}
