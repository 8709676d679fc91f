import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as csPost, GET as csGet } from "@/app/api/webhooks/connectsafely/[accountId]/route";
import { POST as laPost, GET as laGet } from "@/app/api/webhooks/linkedapi/[accountId]/[secret]/route";
import { changesResponseSchema, webhookAnswerSchema } from "@/lib/contracts/api";
import { errorEnvelopeSchema } from "@/lib/contracts/errors";
import { listAccountSummaries } from "@/lib/server/accounts";
import { appDatabase } from "@/lib/server/app-database";
import { createPeopleStore } from "@/lib/server/providers/linkedapi/store-sql";
import { getChanges } from "@/lib/server/push/changes";
import { newPerson } from "@/tests/unit/support/people-store";

/**
 * The webhook routes in process, with accounts configured the way an operator would: the gate (404
 * revealing nothing, the URL secret), the raw body reaching the signature check, our envelope, and
 * no secret in any log line. The env is read on first use, so it is set before any request.
 */
const CS_SECRET = "unit-cs-webhook-secret-5e0c1a9b7d3f2e4c6a8b";
const LA_SECRET = "unit-la-webhook-secret-0f9e8d7c6b5a4f3e2d1c";
const dataDir = mkdtempSync(join(tmpdir(), "threadline-webhooks-"));
const saved = { THREADLINE_ACCOUNTS: process.env.THREADLINE_ACCOUNTS, PGLITE_DATA_DIR: process.env.PGLITE_DATA_DIR };
process.env.THREADLINE_ACCOUNTS = JSON.stringify([
  { id: "cs", provider: "connectsafely", apiKey: "k", accountId: "cs-account", webhookSecret: CS_SECRET },
  { id: "cs-polled", provider: "connectsafely", apiKey: "k", accountId: "cs-polled-account" },
  { id: "la", provider: "linkedapi", token: "t", identificationToken: "i", webhookSecret: LA_SECRET },
  { id: "v2", provider: "linkup-v2", apiKey: "k", accountId: "a" },
]);
process.env.PGLITE_DATA_DIR = dataDir;

const logged: string[] = [];
beforeAll(async () => {
  // Opened (and migrated) once, before any request's patience starts.
  await appDatabase();
}, 60_000);
beforeAll(() => {
  for (const method of ["info", "error", "log", "warn"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await (await appDatabase()).close();
  (globalThis as { __threadlineDatabase?: unknown }).__threadlineDatabase = undefined;
  rmSync(dataDir, { recursive: true, force: true });
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const context = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

function csDelivery(messageUrn: string, options: { secret?: string; body?: Buffer } = {}) {
  const body =
    options.body ??
    Buffer.from(
      JSON.stringify({
        event: "message.received",
        object: "event",
        data: { id: "e", message_urn: messageUrn, account_id: "cs-account", timestamp: new Date().toISOString(), conversation_id: "urn:li:messagingThread:2-dGhyZWFk", body: "hi" },
      }),
    );
  const signature = `sha256=${createHmac("sha256", options.secret ?? CS_SECRET).update(body).digest("hex")}`;
  // No Origin and no content-type check: a provider is not a browser, and the signature covers the bytes.
  return new Request("http://localhost/api/webhooks/connectsafely/cs", { method: "POST", headers: { "x-webhook-signature": signature, "content-type": "text/plain" }, body: new Uint8Array(body) });
}

function laDelivery(id: string, personUrl = "https://www.linkedin.com/in/lena-longthread-0") {
  const body = JSON.stringify({ id, type: "inbox.messageReceived", createdAt: new Date().toISOString(), data: { type: "st", personUrl, text: "hi", time: new Date().toISOString() } });
  return new Request("http://localhost/api/webhooks/linkedapi/la/x", { method: "POST", headers: { "content-type": "application/json" }, body });
}

async function envelope(response: Response) {
  return { status: response.status, body: errorEnvelopeSchema.parse(await response.json()) };
}

describe("the ConnectSafely webhook route", () => {
  it("stores a signed delivery once, answers its replay stored:false, and refuses a forged one with 401", async () => {
    const first = await csPost(csDelivery("urn:li:messagingMessage:route-1"), context({ accountId: "cs" }));
    expect(first.status).toBe(200);
    expect(first.headers.get("x-request-id")).toBeTruthy();
    expect(webhookAnswerSchema.parse(await first.json())).toEqual({ stored: true });
    const replay = await csPost(csDelivery("urn:li:messagingMessage:route-1"), context({ accountId: "cs" }));
    expect(webhookAnswerSchema.parse(await replay.json())).toEqual({ stored: false });
    const forged = await envelope(await csPost(csDelivery("urn:li:messagingMessage:route-2", { secret: `${CS_SECRET}!` }), context({ accountId: "cs" })));
    expect(forged).toMatchObject({ status: 401, body: { error: { code: "unauthenticated" } } });
  });

  it("answers 404, the same each time, for an account that is not ConnectSafely or has no webhook", async () => {
    const answers = [];
    for (const accountId of ["nobody", "cs-polled", "la", "v2"]) answers.push(await envelope(await csPost(csDelivery("urn:li:messagingMessage:x"), context({ accountId }))));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]?.status).toBe(404);
  });

  it("answers other methods 405 for its account, 404 for any other", async () => {
    const get = await csGet(new Request("http://localhost/api/webhooks/connectsafely/cs"), context({ accountId: "cs" }));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    expect((await csGet(new Request("http://localhost/api/webhooks/connectsafely/v2"), context({ accountId: "v2" }))).status).toBe(404);
  });

  it("counts deliveries per sender too: unsigned posts from one address do not hold back the provider's signed ones", async () => {
    const from = (request: Request, address: string) => new Request(request, { headers: { ...Object.fromEntries(request.headers), "x-forwarded-for": address } });
    // The counter's windows are whole minutes: a flood that straddles one is run again, from another address.
    for (let attempt = 1; ; attempt++) {
      const forged = () => from(csDelivery("urn:li:messagingMessage:flood", { secret: `${CS_SECRET}!` }), `203.0.113.${attempt}`);
      const minute = Math.floor(Date.now() / 60_000);
      const statuses = new Set<number>();
      for (let i = 0; i < 1_200; i++) statuses.add((await csPost(forged(), context({ accountId: "cs" }))).status);
      const next = (await csPost(forged(), context({ accountId: "cs" }))).status;
      if (Math.floor(Date.now() / 60_000) !== minute && attempt < 3) continue;
      expect([...statuses]).toEqual([401]);
      expect(next).toBe(429);
      break;
    }
    const signed = await csPost(from(csDelivery("urn:li:messagingMessage:after-flood"), "198.51.100.4"), context({ accountId: "cs" }));
    expect([signed.status, webhookAnswerSchema.parse(await signed.json())]).toEqual([200, { stored: true }]);
  }, 60_000);

  it("refuses a body over 64 KB, and a browser's cross-site post", async () => {
    const big = await csPost(csDelivery("urn:li:messagingMessage:big", { body: Buffer.alloc(65 * 1024, 32) }), context({ accountId: "cs" }));
    expect(big.status).toBe(400);
    const crossSite = csDelivery("urn:li:messagingMessage:cross");
    const fromBrowser = new Request(crossSite, { headers: { ...Object.fromEntries(crossSite.headers), origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect((await csPost(fromBrowser, context({ accountId: "cs" }))).status).toBe(403);
  });
});

describe("the Linked API webhook route", () => {
  let lena = "";
  beforeAll(async () => {
    lena = (await createPeopleStore(appDatabase).add("la", newPerson("https://www.linkedin.com/in/lena-longthread-0"), Date.now())).person.id;
  });

  it("stores a delivery to the URL with the account's secret once; a wrong secret is the unknown account's 404", async () => {
    const stored = await laPost(laDelivery("evt-route-1"), context({ accountId: "la", secret: LA_SECRET }));
    expect([stored.status, webhookAnswerSchema.parse(await stored.json())]).toEqual([200, { stored: true }]);
    const again = await laPost(laDelivery("evt-route-1"), context({ accountId: "la", secret: LA_SECRET }));
    expect(webhookAnswerSchema.parse(await again.json())).toEqual({ stored: false });

    const unknown = await envelope(await laPost(laDelivery("evt-route-2"), context({ accountId: "nobody", secret: LA_SECRET })));
    for (const secret of ["wrong", LA_SECRET.slice(0, -1), `${LA_SECRET}0`, CS_SECRET]) {
      expect(await envelope(await laPost(laDelivery("evt-route-2"), context({ accountId: "la", secret })))).toEqual(unknown);
      expect((await laGet(new Request("http://localhost/"), context({ accountId: "la", secret }))).status).toBe(404);
    }
    expect(unknown.status).toBe(404);
    expect((await laGet(new Request("http://localhost/"), context({ accountId: "la", secret: LA_SECRET }))).status).toBe(405);
    expect(await envelope(await laPost(laDelivery("evt-route-3"), context({ accountId: "cs", secret: CS_SECRET })))).toEqual(unknown);
  });

  it("never writes a webhook secret into the log", async () => {
    await laPost(laDelivery("evt-route-4", "https://www.linkedin.com/in/nobody-added"), context({ accountId: "la", secret: LA_SECRET }));
    await laPost(laDelivery("evt-route-5"), context({ accountId: "la", secret: `${LA_SECRET}x` }));
    await laPost(new Request("http://localhost/", { method: "POST", body: "{not json" }), context({ accountId: "la", secret: LA_SECRET }));
    expect(logged.some((line) => line.includes('"event":"webhook"'))).toBe(true);
    for (const line of logged) {
      expect(line).not.toContain(LA_SECRET);
      expect(line).not.toContain(CS_SECRET);
    }
  });

  it("shows in the account's changes, which only an account with a webhook has", async () => {
    const { changes, checkedAt } = changesResponseSchema.parse(await getChanges("la", 0));
    expect(changes).toEqual([{ conversationId: lena, sentAt: expect.any(Number) }]);
    expect(checkedAt).toBeGreaterThan(0);
    await expect(getChanges("v2", 0)).rejects.toMatchObject({ code: "bad_request" });
    await expect(getChanges("cs-polled", 0)).rejects.toMatchObject({ code: "bad_request" });
    // Asked from further back than deliveries are kept (a tab asleep for days): said to be incomplete.
    expect((await getChanges("la", Date.now() - 26 * 3_600_000)).truncated).toBe(true);
    expect((await getChanges("la", Date.now() - 3_600_000)).truncated).toBeUndefined();
  });

  it("says which accounts are pushed", () => {
    expect(listAccountSummaries().map((a) => [a.id, a.capabilities.push])).toEqual([
      ["cs", true],
      ["cs-polled", false],
      ["la", true],
      ["v2", false],
    ]);
  });
});
