import { describe, expect, it } from "vitest";
import { GET as getAccounts } from "@/app/api/accounts/route";
import { GET as getConversations } from "@/app/api/accounts/[accountId]/conversations/route";
import { GET as getMessages } from "@/app/api/accounts/[accountId]/conversations/[conversationId]/messages/route";
import { GET as unknownApi } from "@/app/api/[...path]/route";
import { GET as getPeople, POST as addPerson } from "@/app/api/accounts/[accountId]/people/route";
import { accountsResponseSchema, conversationsPageSchema, messagesPageSchema } from "@/lib/contracts/api";
import { errorEnvelopeSchema } from "@/lib/contracts/errors";

const base = "http://localhost/api/accounts";
const context = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

async function firstConversationId(): Promise<string> {
  const response = await getConversations(new Request(`${base}/demo/conversations?limit=1`), context({ accountId: "demo" }));
  return conversationsPageSchema.parse(await response.json()).conversations[0]!.id;
}

describe("API routes (demo account, no provider configured)", () => {
  it("GET /api/accounts lists the demo account", async () => {
    const response = await getAccounts(new Request(base), {});
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = accountsResponseSchema.parse(await response.json());
    expect(body.accounts.map((a) => [a.id, a.isDemo])).toEqual([["demo", true]]);
  });

  it("serves a conversations page and a messages page in the contract's shapes", async () => {
    const id = await firstConversationId();
    const response = await getMessages(new Request(`${base}/demo/conversations/x/messages?limit=5`), context({ accountId: "demo", conversationId: id }));
    expect(response.status).toBe(200);
    const page = messagesPageSchema.parse(await response.json());
    expect(page.messages.length).toBeGreaterThan(0);
    expect(page.messages.length).toBeLessThanOrEqual(5);
  });

  const badConversationQueries = ["category=nope", "limit=0", "limit=51", "limit=2.5", "limit=", "cursor=", "cursor=%25%25", "limit=1&limit=2", "page=2"];
  it.each(badConversationQueries)("conversations?%s is a 400 in our envelope", async (query) => {
    const response = await getConversations(new Request(`${base}/demo/conversations?${query}`), context({ accountId: "demo" }));
    expect(response.status).toBe(400);
    const body = errorEnvelopeSchema.parse(await response.json());
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message.length).toBeGreaterThan(10);
  });

  const badMessageQueries = ["since=-5", "since=now", "since=1.5", "since=99999999999999999", "since=1&cursor=x", "limit=101", "cursor=bm90LWpzb24"];
  it.each(badMessageQueries)("messages?%s is a 400 in our envelope", async (query) => {
    const response = await getMessages(new Request(`${base}/demo/conversations/c/messages?${query}`), context({ accountId: "demo", conversationId: "c" }));
    expect(response.status).toBe(400);
    expect(errorEnvelopeSchema.parse(await response.json()).error.code).toBe("bad_request");
  });

  it("an empty or oversized conversation id is a 400; any account but the viewer's a 404, before anything is parsed", async () => {
    const empty = await getMessages(new Request(`${base}/demo/conversations/%20/messages`), context({ accountId: "demo", conversationId: " " }));
    expect(empty.status).toBe(400);
    const huge = await getMessages(new Request(`${base}/demo/conversations/x/messages`), context({ accountId: "demo", conversationId: "x".repeat(1025) }));
    expect(huge.status).toBe(400);
    const hugeAccount = await getConversations(new Request(`${base}/x/conversations?limit=nope`), context({ accountId: "x".repeat(1025) }));
    expect(hugeAccount.status).toBe(404);
    const unknown = await getConversations(new Request(`${base}/nobody/conversations`), context({ accountId: "nobody" }));
    expect(unknown.status).toBe(404);
    expect(errorEnvelopeSchema.parse(await unknown.json()).error.code).toBe("not_found");
  });

  it("an unknown conversation is a 404, not a 500", async () => {
    const response = await getMessages(new Request(`${base}/demo/conversations/x/messages`), context({ accountId: "demo", conversationId: "urn:li:msg_conversation:(nope)" }));
    expect(response.status).toBe(404);
  });

  it("unknown API paths answer a JSON 404", async () => {
    const response = await unknownApi();
    expect(response.status).toBe(404);
    expect(errorEnvelopeSchema.parse(await response.json()).error.code).toBe("not_found");
  });
});

describe("people routes on an account that lists its own inbox", () => {
  it("answers 400, not 500, for the demo account, and 404 for an unknown one", async () => {
    const demo = await getPeople(new Request(`${base}/demo/people`), context({ accountId: "demo" }));
    expect(demo.status).toBe(400);
    expect(errorEnvelopeSchema.parse(await demo.json()).error.message).toMatch(/no people/);
    const unknown = await getPeople(new Request(`${base}/nope/people`), context({ accountId: "nope" }));
    expect(unknown.status).toBe(404);
    const post = await addPerson(
      new Request(`${base}/demo/people`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ profileUrl: "linkedin.com/in/ada" }) }),
      context({ accountId: "demo" }),
    );
    expect(post.status).toBe(400);
    const malformed = await addPerson(
      new Request(`${base}/demo/people`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ url: "x" }) }),
      context({ accountId: "demo" }),
    );
    expect(malformed.status).toBe(400);
    expect(errorEnvelopeSchema.parse(await malformed.json()).error.message).toMatch(/profileUrl/);
  });
});
