import "server-only";
import { getEnv } from "./env";

/**
 * A bad configuration stops the server at start, naming the variable (never a value): a production
 * server with real accounts and no admin or secret never serves. Node only (process.exit).
 */
export function checkConfigurationOrExit(): void {
  try {
    getEnv();
  } catch (error) {
    console.error(`Threadline will not start. ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
