import { describe, expect, it } from "vitest";
import { sendMessageBodySchema } from "@/lib/contracts/api";
import { addPersonBodySchema, conversationsQuerySchema, idParamSchema } from "@/lib/contracts/queries";
import { joinBodySchema, setupBodySchema } from "@/lib/contracts/team";

const NUL = "\u0000";

describe("text fields that reach the database refuse control characters (a NUL is a 500 there, a 400 here)", () => {
  const cases: [string, { safeParse: (input: unknown) => { success: boolean } }, (text: string) => unknown][] = [
    ["a reply's subject", sendMessageBodySchema, (subject) => ({ text: "Hello", clientId: "0b6f8c4e-8f5a-4c1e-9a7b-2d3e4f5a6b7c", subject })],
    ["a followed person's name", addPersonBodySchema, (name) => ({ profileUrl: "https://www.linkedin.com/in/ada", name })],
    ["a joining member's name", joinBodySchema, (name) => ({ token: "t".repeat(32), name, password: "correct horse battery" })],
    ["the first admin's name", setupBodySchema, (name) => ({ email: "ada@example.com", name, password: "correct horse battery", setupCode: "c".repeat(16) })],
    ["a search", conversationsQuerySchema, (q) => ({ q })],
    ["an id", { safeParse: (input) => idParamSchema.safeParse(input) }, (id) => id],
  ];

  it.each(cases)("%s", (_, schema, input) => {
    expect(schema.safeParse(input("Ada Lovelace")).success).toBe(true);
    expect(schema.safeParse(input(`Ada${NUL}Lovelace`)).success).toBe(false);
    expect(schema.safeParse(input("Ada\u001bLovelace")).success).toBe(false);
  });
});

describe("webhook deliveries' ids refuse control characters (stored as text: a NUL is a 500 the provider retries)", () => {
  it("ConnectSafely's message and conversation URNs, Linked API's event id and person", async () => {
    const { messageReceivedSchema } = await import("@/lib/server/providers/connectsafely/webhook-schemas");
    const { linkedApiEnvelopeSchema, inboxMessageSchema } = await import("@/lib/server/providers/linkedapi/webhook-schemas");
    const cs = { message_urn: "urn:li:msg_message:1", timestamp: "2026-05-12T14:33:21.000Z", conversation_id: "urn:li:messagingThread:2-a" };
    expect(messageReceivedSchema.safeParse(cs).success).toBe(true);
    expect(messageReceivedSchema.safeParse({ ...cs, message_urn: `urn:li:msg_message:1${NUL}` }).success).toBe(false);
    expect(messageReceivedSchema.safeParse({ ...cs, conversation_id: `urn${NUL}` }).success).toBe(false);
    const envelope = { id: "evt1", type: "inbox.messageReceived", createdAt: "2026-05-12T14:33:21.000Z", data: {} };
    expect(linkedApiEnvelopeSchema.safeParse(envelope).success).toBe(true);
    expect(linkedApiEnvelopeSchema.safeParse({ ...envelope, id: `evt${NUL}1` }).success).toBe(false);
    expect(inboxMessageSchema.safeParse({ personUrl: "https://www.linkedin.com/in/a" }).success).toBe(true);
    expect(inboxMessageSchema.safeParse({ personUrl: `https://www.linkedin.com/in/a${NUL}` }).success).toBe(false);
  });
});
