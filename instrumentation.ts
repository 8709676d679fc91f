/** Runs once when a server instance starts (lib/server/startup.ts). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfigurationOrExit } = await import("@/lib/server/startup");
    checkConfigurationOrExit();
  }
}
