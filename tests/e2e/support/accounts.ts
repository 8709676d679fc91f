import { expect, type APIRequestContext } from "@playwright/test";
import { conversationsPageSchema, messagesPageSchema, peopleResponseSchema, personResponseSchema, type Message, type Person } from "@/lib/contracts/api";
import { LONG_THREAD_NAME } from "../../fake-upstream/fixture-mailbox";
import { ACCOUNTS } from "./env";

const enc = encodeURIComponent;

/** Lena Longthread's profile in the fixture (conversation 0): what a rep pastes into Linked API. */
export const LENA_PROFILE_URL = "https://www.linkedin.com/in/lena-longthread-0";

/** Every provider account of the app server, with how its long thread is reached. */
export const PROVIDER_ACCOUNTS = [
  { id: ACCOUNTS.linkupV2, name: "Linkup v2" },
  { id: ACCOUNTS.linkupV1, name: "Linkup v1" },
  { id: ACCOUNTS.connectSafely, name: "ConnectSafely" },
  { id: ACCOUNTS.linkedApi, name: "Linked API" },
] as const;

/** Linked API: forget every person, so each test starts from an empty people list. */
export async function clearPeople(request: APIRequestContext, accountId: string = ACCOUNTS.linkedApi): Promise<void> {
  const { people } = peopleResponseSchema.parse(await (await request.get(`/api/accounts/${accountId}/people`)).json());
  for (const person of people) expect((await request.delete(`/api/accounts/${accountId}/people/${enc(person.id)}`, { data: {} })).status()).toBe(200);
}

/** Linked API: add a person and wait (by polling the list, as the UI does) until their sync ends. */
export async function addPersonAndWait(request: APIRequestContext, profileUrl: string, accountId: string = ACCOUNTS.linkedApi, channel?: Person["channel"]): Promise<Person> {
  const added = await request.post(`/api/accounts/${accountId}/people`, { data: { profileUrl, ...(channel ? { channel } : {}) } });
  expect(added.status()).toBe(201);
  const { person } = personResponseSchema.parse(await added.json());
  let latest = person;
  await expect
    .poll(
      async () => {
        const { people } = peopleResponseSchema.parse(await (await request.get(`/api/accounts/${accountId}/people`)).json());
        latest = people.find((p) => p.id === person.id) ?? latest;
        return latest.state;
      },
      { timeout: 20_000, intervals: [500] },
    )
    .not.toBe("syncing");
  return latest;
}

/** The id of Lena Longthread's conversation on this account, as our API names it. */
export async function longThreadId(request: APIRequestContext, accountId: string): Promise<string> {
  if (accountId === ACCOUNTS.linkedApi) {
    const person = await addPersonAndWait(request, LENA_PROFILE_URL, accountId);
    expect(person.state).toBe("ready");
    return person.id;
  }
  const response = await request.get(`/api/accounts/${accountId}/conversations?limit=50`);
  expect(response.status()).toBe(200);
  const { conversations } = conversationsPageSchema.parse(await response.json());
  const lena = conversations.find((c) => c.participant.name === LONG_THREAD_NAME);
  if (!lena) throw new Error(`${LONG_THREAD_NAME} is not in ${accountId}'s inbox`);
  return lena.id;
}

/** Pages through a whole thread with our cursors (newest first). */
export async function wholeThread(request: APIRequestContext, accountId: string, conversationId: string, limit: number): Promise<Message[]> {
  const messages: Message[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1_000; page++) {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const response = await request.get(`/api/accounts/${accountId}/conversations/${enc(conversationId)}/messages?${query}`);
    expect(response.status(), await response.text()).toBe(200);
    const body = messagesPageSchema.parse(await response.json());
    messages.push(...body.messages);
    cursor = body.nextCursor;
    if (cursor === null) return messages;
  }
  throw new Error("thread pagination did not end");
}

/** The first page of a thread: its newest messages. */
export async function newestMessages(request: APIRequestContext, accountId: string, conversationId: string, limit: number): Promise<Message[]> {
  const response = await request.get(`/api/accounts/${accountId}/conversations/${enc(conversationId)}/messages?limit=${limit}`);
  expect(response.status(), await response.text()).toBe(200);
  return messagesPageSchema.parse(await response.json()).messages;
}

export async function messagesSince(request: APIRequestContext, accountId: string, conversationId: string, since: number): Promise<Message[]> {
  const response = await request.get(`/api/accounts/${accountId}/conversations/${enc(conversationId)}/messages?since=${since}`);
  expect(response.status(), await response.text()).toBe(200);
  return messagesPageSchema.parse(await response.json()).messages;
}
