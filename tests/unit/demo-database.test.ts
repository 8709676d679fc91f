import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GET as getConversations } from "@/app/api/accounts/[accountId]/conversations/route";
import { POST as reply } from "@/app/api/accounts/[accountId]/conversations/[conversationId]/messages/route";
import { conversationsPageSchema } from "@/lib/contracts/api";
import { appDatabase } from "@/lib/server/app-database";

/**
 * The demo (no provider configured) writes nothing to disk: it must run where no directory is
 * writable (a Vercel deployment of the demo has no DATABASE_URL). The env is read on first use.
 */
const parent = mkdtempSync(join(tmpdir(), "threadline-demo-"));
const dataDir = join(parent, "pglite");
const saved = process.env.PGLITE_DATA_DIR;
process.env.PGLITE_DATA_DIR = dataDir;

afterAll(async () => {
  await (await appDatabase()).close();
  (globalThis as { __threadlineDatabase?: unknown }).__threadlineDatabase = undefined;
  rmSync(parent, { recursive: true, force: true });
  if (saved === undefined) delete process.env.PGLITE_DATA_DIR;
  else process.env.PGLITE_DATA_DIR = saved;
});

const context = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

describe("the demo's database", () => {
  it("a reply in the demo is sent, and idempotent, with no directory written", async () => {
    const page = conversationsPageSchema.parse(await (await getConversations(new Request("http://localhost/api/accounts/demo/conversations?limit=1"), context({ accountId: "demo" }))).json());
    const conversationId = page.conversations[0]!.id;
    const send = () =>
      reply(
        new Request("http://localhost/api/accounts/demo/conversations/x/messages", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ text: "Thanks, talk Monday.", clientId: "2f0c3c1e-9a57-4d1a-8f3e-0b6f1d2c4e5a" }),
        }),
        context({ accountId: "demo", conversationId }),
      );
    const first = await send();
    expect(first.status).toBe(200);
    const again = await send();
    expect((await again.json()) as unknown).toEqual((await first.json()) as unknown);
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);
});
