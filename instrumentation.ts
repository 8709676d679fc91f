/**
 * Runs once when a server instance starts: a bad configuration stops it here, naming the variable
 * (never a value). A production server with real accounts and no admin or secret never serves.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("@/lib/server/env");
  try {
    getEnv();
  } catch (error) {
    console.error(`Threadline will not start. ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
