/** Runs once when a server instance starts: a bad configuration fails here, naming the variable. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getEnv } = await import("@/lib/server/env");
    getEnv();
  }
}
