/**
 * Every schema the browser parses our API's answers with, in one module a page loads when it is
 * idle or its first request goes out (fetch-json.ts), so zod is not in the inbox's first-load
 * JavaScript: the first pages arrive rendered and their data hydrated, with nothing to parse.
 */
import { z } from "zod/mini";
import {
  accountsResponseSchema,
  changesResponseSchema,
  conversationsPageSchema,
  messagesPageSchema,
  peopleResponseSchema,
  personResponseSchema,
  readMarkResponseSchema,
  readMarksResponseSchema,
  sendResultSchema,
} from "@/lib/contracts/api";
import { errorEnvelopeSchema } from "@/lib/contracts/errors";
import { invitationCreatedSchema, memberResponseSchema, signedUpSchema, teamResponseSchema } from "@/lib/contracts/team";
import { usageResponseSchema } from "@/lib/contracts/usage";

export const responseSchemas = {
  accounts: accountsResponseSchema,
  conversationsPage: conversationsPageSchema,
  messagesPage: messagesPageSchema,
  changes: changesResponseSchema,
  usage: usageResponseSchema,
  readMark: readMarkResponseSchema,
  readMarks: readMarksResponseSchema,
  sendResult: sendResultSchema,
  people: peopleResponseSchema,
  person: personResponseSchema,
  removed: z.object({ removed: z.literal(true) }),
  team: teamResponseSchema,
  invitationCreated: invitationCreatedSchema,
  invitationRevoked: z.object({ revoked: z.literal(true) }),
  member: memberResponseSchema,
  signedUp: signedUpSchema,
};

export { errorEnvelopeSchema };
